package org.facteur.mailserver.store.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxACL.NameType;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;
import org.facteur.mailserver.store.sql.SqlWork;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's mailbox mapper on the mailbox table: paths (namespace, owner, name) are unique, ids are never reused,
 * and deleting a mailbox takes its messages with it in the same transaction (their blobs become orphan
 * candidates when no other mailbox holds them).
 */
final class SqlMailboxMapper implements MailboxMapper {
    private static final String COLUMNS = "id, namespace, user_name, name, uid_validity, acl";

    private final Database database;
    private final Clock clock;

    SqlMailboxMapper(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Mono<Mailbox> create(MailboxPath path, UidValidity uidValidity) {
        return Mono.fromCallable(() -> {
            try {
                long id = database.inTransaction(c -> Jdbc.one(c,
                        "INSERT INTO mailbox (namespace, user_name, name, uid_validity) VALUES (?, ?, ?, ?) RETURNING id",
                        rs -> rs.getLong(1), path.getNamespace(), user(path.getUser()), path.getName(), uidValidity.asLong()).orElseThrow());
                return new Mailbox(path, uidValidity, SqlMailboxId.of(id));
            } catch (DatabaseException e) {
                if (database.engine().isDuplicateKey(e.getCause())) {
                    throw new MailboxExistsException(path.asString());
                }
                throw e;
            }
        });
    }

    @Override
    public Mono<MailboxId> rename(Mailbox mailbox) {
        MailboxId id = mailbox.getMailboxId();
        return Mono.fromCallable(() -> {
            try {
                int changed = database.inTransaction(c -> {
                    if (Jdbc.one(c, "SELECT id FROM mailbox WHERE namespace = ? AND user_name = ? AND name = ?", rs -> rs.getLong(1),
                            mailbox.getNamespace(), user(mailbox.getUser()), mailbox.getName()).isPresent()) {
                        return -1;
                    }
                    return Jdbc.update(c, "UPDATE mailbox SET namespace = ?, user_name = ?, name = ? WHERE id = ?",
                            mailbox.getNamespace(), user(mailbox.getUser()), mailbox.getName(), SqlMailboxId.raw(id));
                });
                if (changed < 0) {
                    throw new MailboxExistsException(mailbox.generateAssociatedPath().asString());
                }
                if (changed == 0) {
                    throw new MailboxNotFoundException(id);
                }
                return id;
            } catch (DatabaseException e) {
                if (database.engine().isDuplicateKey(e.getCause())) {
                    throw new MailboxExistsException(mailbox.generateAssociatedPath().asString());
                }
                throw e;
            }
        });
    }

    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        long id = SqlMailboxId.raw(mailbox.getMailboxId());
        return Mono.fromRunnable(() -> database.inTransaction(c -> {
            if (MailboxRows.lock(c, id).isEmpty()) {
                return null;
            }
            Map<String, Integer> references = new HashMap<>();
            for (String messageId : Jdbc.list(c, "SELECT message_id FROM mailbox_message WHERE mailbox_id = ?", rs -> rs.getString(1), id)) {
                references.merge(messageId, 1, Integer::sum);
            }
            Jdbc.update(c, "DELETE FROM mailbox_message WHERE mailbox_id = ?", id);
            MessageRows.release(c, references, clock.instant());
            Jdbc.update(c, "DELETE FROM mailbox_user_flag WHERE mailbox_id = ?", id);
            Jdbc.update(c, "DELETE FROM mailbox WHERE id = ?", id);
            return null;
        }));
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        return Mono.defer(() -> Mono.justOrEmpty(read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM mailbox "
                + "WHERE namespace = ? AND user_name = ? AND name = ?", SqlMailboxMapper::mailbox,
                path.getNamespace(), user(path.getUser()), path.getName()))));
    }

    @Override
    public Mono<Mailbox> findMailboxById(MailboxId mailboxId) {
        return Mono.defer(() -> read(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM mailbox WHERE id = ?", SqlMailboxMapper::mailbox,
                        SqlMailboxId.raw(mailboxId)))
                .map(Mono::just)
                .orElseGet(() -> Mono.error(new MailboxNotFoundException(mailboxId))));
    }

    @Override
    public Flux<Mailbox> findNonPersonalMailboxes(Username userName, MailboxACL.Right right) {
        MailboxACL.EntryKey key = MailboxACL.EntryKey.createUserEntryKey(userName);
        return Flux.defer(() -> Flux.fromIterable(read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM mailbox WHERE acl IS NOT NULL",
                        SqlMailboxMapper::mailbox))))
                .filter(mailbox -> Optional.ofNullable(mailbox.getACL().ofPositiveNameType(NameType.user).get(key))
                        .map(rights -> rights.contains(right))
                        .orElse(false));
    }

    @Override
    public Flux<Mailbox> findMailboxWithPathLike(MailboxQuery.UserBound query) {
        return Flux.defer(() -> Flux.fromIterable(read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM mailbox "
                        + "WHERE namespace = ? AND user_name = ? ORDER BY name", SqlMailboxMapper::mailbox,
                        query.getFixedNamespace(), user(query.getFixedUser())))))
                .filter(mailbox -> query.isExpressionMatch(mailbox.getName()));
    }

    @Override
    public Mono<Boolean> hasChildren(Mailbox mailbox, char delimiter) {
        String prefix = mailbox.getName() + delimiter;
        return Mono.fromCallable(() -> read(c -> Jdbc.list(c, "SELECT name FROM mailbox WHERE namespace = ? AND user_name = ?",
                        rs -> rs.getString(1), mailbox.getNamespace(), user(mailbox.getUser())))
                .stream().anyMatch(name -> name.startsWith(prefix)));
    }

    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return changeAcl(mailbox, current -> current.apply(command));
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return changeAcl(mailbox, current -> acl);
    }

    @Override
    public Flux<Mailbox> list() {
        return Flux.defer(() -> Flux.fromIterable(read(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM mailbox ORDER BY id",
                SqlMailboxMapper::mailbox))));
    }

    private interface AclChange {
        MailboxACL apply(MailboxACL current) throws Exception;
    }

    private Mono<ACLDiff> changeAcl(Mailbox mailbox, AclChange change) {
        long id = SqlMailboxId.raw(mailbox.getMailboxId());
        return Mono.fromCallable(() -> {
            ACLDiff diff = database.inTransaction(c -> {
                Optional<String> stored = Jdbc.one(c, "UPDATE mailbox SET acl = acl WHERE id = ? RETURNING acl", rs -> Optional.ofNullable(rs.getString(1)), id)
                        .orElseThrow(() -> new MailboxStorage.NoSuchMailbox(mailbox.getMailboxId()));
                MailboxACL before = MailboxAcls.read(stored.orElse(null));
                MailboxACL after;
                try {
                    after = change.apply(before);
                } catch (Exception e) {
                    throw new SQLException("Invalid ACL change: " + e.getMessage(), e);
                }
                Jdbc.update(c, "UPDATE mailbox SET acl = ? WHERE id = ?", MailboxAcls.write(after), id);
                return ACLDiff.computeDiff(before, after);
            });
            mailbox.setACL(diff.getNewACL());
            return diff;
        }).onErrorMap(MailboxStorage.NoSuchMailbox.class, e -> new MailboxNotFoundException(mailbox.getMailboxId()));
    }

    private <T> T read(SqlWork<T> work) {
        return database.read(work);
    }

    static Mailbox mailbox(ResultSet rs) throws SQLException {
        String user = rs.getString("user_name");
        MailboxPath path = new MailboxPath(rs.getString("namespace"), user.isEmpty() ? null : Username.of(user), rs.getString("name"));
        Mailbox mailbox = new Mailbox(path, UidValidity.of(rs.getLong("uid_validity")), SqlMailboxId.of(rs.getLong("id")));
        mailbox.setACL(MailboxAcls.read(rs.getString("acl")));
        return mailbox;
    }

    private static String user(Username user) {
        return user == null ? "" : user.asString();
    }

}
