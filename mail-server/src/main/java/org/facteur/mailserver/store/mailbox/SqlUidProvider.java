package org.facteur.mailserver.store.mailbox;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

import reactor.core.publisher.Mono;

/**
 * UIDs from the mailbox row ({@code last_uid}). Deliveries do not come here: the message mapper takes the UID in
 * the same statement as the mod-seq and the counters. This serves James's code that asks for a UID on its own.
 */
public final class SqlUidProvider implements UidProvider {
    private final Database database;

    @Inject
    public SqlUidProvider(Database database) {
        this.database = database;
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        return MailboxStorage.write(database, c -> Jdbc.one(c, "UPDATE mailbox SET last_uid = last_uid + 1 WHERE id = ? RETURNING last_uid",
                        rs -> MessageUid.of(rs.getLong(1)), SqlMailboxId.raw(mailboxId)))
                .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    @Override
    public Optional<MessageUid> lastUid(Mailbox mailbox) throws MailboxException {
        return lastUid(database, SqlMailboxId.raw(mailbox.getMailboxId()));
    }

    /** On the caller's thread: a one-row read (see {@link SqlMessageMapper}'s reads). */
    @Override
    public Mono<Optional<MessageUid>> lastUidReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> lastUid(mailbox));
    }

    static Optional<MessageUid> lastUid(Database database, long mailboxId) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c, "SELECT last_uid FROM mailbox WHERE id = ?", rs -> rs.getLong(1), mailboxId))
                .filter(uid -> uid > 0)
                .map(MessageUid::of);
    }
}
