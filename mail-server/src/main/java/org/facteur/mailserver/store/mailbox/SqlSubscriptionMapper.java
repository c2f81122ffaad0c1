package org.facteur.mailserver.store.mailbox;

import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.SubscriptionException;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** IMAP subscriptions (LSUB), one row per user and mailbox name. */
final class SqlSubscriptionMapper implements SubscriptionMapper {
    private final Database database;

    SqlSubscriptionMapper(Database database) {
        this.database = database;
    }

    @Override
    public void save(Subscription subscription) throws SubscriptionException {
        try {
            database.inTransaction(c -> Jdbc.update(c, "INSERT INTO subscription (user_name, mailbox) VALUES (?, ?) "
                    + "ON CONFLICT (user_name, mailbox) DO NOTHING", subscription.getUser().asString(), subscription.getMailbox()));
        } catch (DatabaseException e) {
            throw new SubscriptionException(e);
        }
    }

    @Override
    public List<Subscription> findSubscriptionsForUser(Username user) throws SubscriptionException {
        try {
            return database.read(c -> Jdbc.list(c, "SELECT mailbox FROM subscription WHERE user_name = ? ORDER BY mailbox",
                    rs -> new Subscription(user, rs.getString(1)), user.asString()));
        } catch (DatabaseException e) {
            throw new SubscriptionException(e);
        }
    }

    /** On the caller's thread, not James's bounded-elastic pool: one indexed read (see {@link SqlMessageMapper}). */
    @Override
    public Flux<Subscription> findSubscriptionsForUserReactive(Username user) {
        return Mono.fromCallable(() -> findSubscriptionsForUser(user)).flatMapIterable(subscriptions -> subscriptions);
    }

    @Override
    public void delete(Subscription subscription) throws SubscriptionException {
        try {
            database.inTransaction(c -> Jdbc.update(c, "DELETE FROM subscription WHERE user_name = ? AND mailbox = ?",
                    subscription.getUser().asString(), subscription.getMailbox()));
        } catch (DatabaseException e) {
            throw new SubscriptionException(e);
        }
    }
}
