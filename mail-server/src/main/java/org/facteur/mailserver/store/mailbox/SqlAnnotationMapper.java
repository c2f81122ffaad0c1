package org.facteur.mailserver.store.mailbox;

import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.reactivestreams.Publisher;

import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * IMAP METADATA entries of a mailbox (the away message lives here). Keys are case-insensitive (stored in lower
 * case); a mailbox has a handful of entries, so depth queries filter them in memory.
 */
final class SqlAnnotationMapper implements AnnotationMapper {
    private final Database database;

    SqlAnnotationMapper(Database database) {
        this.database = database;
    }

    @Override
    public List<MailboxAnnotation> getAllAnnotations(MailboxId mailboxId) {
        return database.read(c -> Jdbc.list(c, "SELECT key, value FROM annotation WHERE mailbox_id = ? ORDER BY key",
                rs -> MailboxAnnotation.newInstance(new MailboxAnnotationKey(rs.getString(1)), rs.getString(2)),
                SqlMailboxId.raw(mailboxId)));
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeys(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::equals);
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithOneDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::isParentOrIsEqual);
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithAllDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::isAncestorOrIsEqual);
    }

    // Reads on the caller's thread, not James's bounded-elastic pool (see SqlMessageMapper); James's defaults also
    // ran the query before anyone subscribed.

    @Override
    public Publisher<MailboxAnnotation> getAllAnnotationsReactive(MailboxId mailboxId) {
        return Mono.fromCallable(() -> getAllAnnotations(mailboxId)).flatMapIterable(annotations -> annotations);
    }

    @Override
    public Publisher<MailboxAnnotation> getAnnotationsByKeysReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return Mono.fromCallable(() -> getAnnotationsByKeys(mailboxId, keys)).flatMapIterable(annotations -> annotations);
    }

    @Override
    public Publisher<MailboxAnnotation> getAnnotationsByKeysWithOneDepthReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return Mono.fromCallable(() -> getAnnotationsByKeysWithOneDepth(mailboxId, keys)).flatMapIterable(annotations -> annotations);
    }

    @Override
    public Publisher<MailboxAnnotation> getAnnotationsByKeysWithAllDepthReactive(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return Mono.fromCallable(() -> getAnnotationsByKeysWithAllDepth(mailboxId, keys)).flatMapIterable(annotations -> annotations);
    }

    @Override
    public Publisher<Boolean> existReactive(MailboxId mailboxId, MailboxAnnotation annotation) {
        return Mono.fromCallable(() -> exist(mailboxId, annotation));
    }

    @Override
    public Publisher<Integer> countAnnotationsReactive(MailboxId mailboxId) {
        return Mono.fromCallable(() -> countAnnotations(mailboxId));
    }

    @Override
    public void deleteAnnotation(MailboxId mailboxId, MailboxAnnotationKey key) {
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM annotation WHERE mailbox_id = ? AND key = ?",
                SqlMailboxId.raw(mailboxId), key.asString()));
    }

    @Override
    public void insertAnnotation(MailboxId mailboxId, MailboxAnnotation annotation) {
        Preconditions.checkArgument(!annotation.isNil(), "An annotation without a value cannot be stored");
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO annotation (mailbox_id, key, value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (mailbox_id, key) DO UPDATE SET value = excluded.value",
                SqlMailboxId.raw(mailboxId), annotation.getKey().asString(), annotation.getValue().orElseThrow()));
    }

    @Override
    public boolean exist(MailboxId mailboxId, MailboxAnnotation annotation) {
        return database.read(c -> Jdbc.one(c, "SELECT 1 FROM annotation WHERE mailbox_id = ? AND key = ?", rs -> true,
                SqlMailboxId.raw(mailboxId), annotation.getKey().asString())).isPresent();
    }

    @Override
    public int countAnnotations(MailboxId mailboxId) {
        return database.read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM annotation WHERE mailbox_id = ?", rs -> rs.getInt(1),
                SqlMailboxId.raw(mailboxId))).orElse(0);
    }

    private List<MailboxAnnotation> matching(MailboxId mailboxId, Set<MailboxAnnotationKey> keys,
                                             BiPredicate<MailboxAnnotationKey, MailboxAnnotationKey> requestedCovers) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return getAllAnnotations(mailboxId).stream()
                .filter(a -> keys.stream().anyMatch(k -> requestedCovers.test(k, a.getKey())))
                .toList();
    }
}
