package org.facteur.mailserver.store.mailbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.facteur.mailserver.store.mailbox.MailboxStorage.NoSuchMailbox;
import org.facteur.mailserver.store.mailbox.SqlMessageMapper.FlagRow;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.Multimap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's message-id mapper: the same message (one message row) in several mailboxes, each copy with its own UID,
 * flags and mod-seq. Every change locks the mailbox rows it touches in id order, like the message mapper.
 */
final class SqlMessageIdMapper implements MessageIdMapper {
    private final Database database;
    private final MessageBodies bodies;
    private final MessageRows rows;
    private final Clock clock;

    SqlMessageIdMapper(Database database, MessageBodies bodies, Clock clock) {
        this.database = database;
        this.bodies = bodies;
        this.rows = new MessageRows(bodies);
        this.clock = clock;
    }

    @Override
    public List<MailboxMessage> find(Collection<MessageId> messageIds, FetchType fetchType) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<Object> ids = messageIds.stream().map(MessageId::serialize).collect(Collectors.toList());
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        return database.read(c -> Jdbc.list(c, MessageRows.SELECT + "WHERE mm.message_id IN (" + in + ") ORDER BY mm.mailbox_id, mm.uid",
                rows::read, ids.toArray()));
    }

    @Override
    public Flux<ComposedMessageIdWithMetaData> findMetadata(MessageId messageId) {
        return Flux.defer(() -> Flux.fromIterable(find(List.of(messageId), FetchType.METADATA)))
                .map(m -> new ComposedMessageIdWithMetaData(new ComposedMessageId(m.getMailboxId(), m.getMessageId(), m.getUid()),
                        m.createFlags(), m.getModSeq(), m.getThreadId()));
    }

    @Override
    public List<MailboxId> findMailboxes(MessageId messageId) {
        return database.read(c -> Jdbc.list(c, "SELECT mailbox_id FROM mailbox_message WHERE message_id = ?",
                rs -> SqlMailboxId.of(rs.getLong(1)), messageId.serialize()));
    }

    @Override
    public void save(MailboxMessage message) throws MailboxException {
        store(message, SqlMailboxId.raw(message.getMailboxId()), true);
    }

    @Override
    public void copyInMailbox(MailboxMessage message, Mailbox mailbox) throws MailboxException {
        store(message, SqlMailboxId.raw(mailbox.getMailboxId()), false);
    }

    /**
     * Puts {@code message} into a mailbox at the UID and mod-seq it carries (chosen by the caller from this
     * mailbox's providers). Storing the same message at the same UID again changes nothing.
     */
    private void store(MailboxMessage message, long mailboxId, boolean withBody) throws MailboxException {
        MessageBodies.Prepared body = withBody || !exists(message.getMessageId()) ? bodies.prepare(message) : null;
        Flags flags = message.createFlags();
        // A copy is saved now; a message saved with a save date of its own keeps it.
        Instant saveDate = withBody ? message.getSaveDate().map(Date::toInstant).orElseGet(clock::instant) : clock.instant();
        long uid = message.getUid().asLong();
        long modSeq = message.getModSeq().asLong();
        MailboxStorage.write(database, c -> {
            MailboxRows.lock(c, mailboxId).orElseThrow(() -> new NoSuchMailbox(SqlMailboxId.of(mailboxId)));
            Optional<String> present = Jdbc.one(c, "SELECT message_id FROM mailbox_message WHERE mailbox_id = ? AND uid = ?",
                    rs -> rs.getString(1), mailboxId, uid);
            if (present.isPresent()) {
                if (present.get().equals(message.getMessageId().serialize())) {
                    return null;
                }
                throw new SQLException("UID " + uid + " of mailbox " + mailboxId + " already holds another message");
            }
            if (body != null) {
                bodies.claim(c, body);
                MessageRows.insertMessage(c, message, body);
            } else if (!MessageRows.addReference(c, message.getMessageId())) {
                throw new SQLException("Message " + message.getMessageId() + " was deleted while being copied");
            }
            MessageRows.insertMember(c, mailboxId, uid, message.getMessageId(), modSeq, saveDate, flags);
            MailboxRows.change(c, mailboxId, Counts.of(flags, message.getFullContentOctets()), null);
            MailboxRows.atLeast(c, mailboxId, uid, modSeq);
            return null;
        });
        message.setSaveDate(Date.from(saveDate));
    }

    private boolean exists(MessageId id) {
        return database.read(c -> Jdbc.one(c, "SELECT 1 FROM message WHERE id = ?", rs -> true, id.serialize())).isPresent();
    }

    @Override
    public void delete(MessageId messageId) {
        delete(messageId, findMailboxes(messageId));
    }

    @Override
    public void delete(MessageId messageId, Collection<MailboxId> mailboxIds) {
        List<Long> mailboxes = mailboxIds.stream().map(SqlMailboxId::raw).distinct().sorted().toList();
        if (mailboxes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        database.inTransaction(c -> {
            Map<String, Integer> references = new HashMap<>();
            for (long mailboxId : mailboxes) {
                if (MailboxRows.lock(c, mailboxId).isEmpty()) {
                    continue;
                }
                Counts delta = Counts.NONE;
                for (MailboxMessage m : Jdbc.list(c, MessageRows.SELECT + "WHERE mm.mailbox_id = ? AND mm.message_id = ?", rows::read,
                        mailboxId, messageId.serialize())) {
                    delta = delta.minus(Counts.of(m.createFlags(), m.getFullContentOctets()));
                    references.merge(messageId.serialize(), 1, Integer::sum);
                }
                Jdbc.update(c, "DELETE FROM mailbox_message WHERE mailbox_id = ? AND message_id = ?", mailboxId, messageId.serialize());
                MailboxRows.change(c, mailboxId, delta, null);
            }
            MessageRows.release(c, references, now);
            return null;
        });
    }

    @Override
    public Mono<Multimap<MailboxId, UpdatedFlags>> setFlags(MessageId messageId, List<MailboxId> mailboxIds, Flags newState,
                                                           MessageManager.FlagsUpdateMode updateMode) {
        FlagsUpdateCalculator calculator = new FlagsUpdateCalculator(newState, updateMode);
        List<Long> mailboxes = mailboxIds.stream().map(SqlMailboxId::raw).distinct().sorted().toList();
        return Mono.fromCallable(() -> {
            ImmutableListMultimap.Builder<MailboxId, UpdatedFlags> result = ImmutableListMultimap.builder();
            if (mailboxes.isEmpty()) {
                return result.build();
            }
            database.inTransaction(c -> {
                for (long mailboxId : mailboxes) {
                    Optional<Long> highest = MailboxRows.lock(c, mailboxId);
                    if (highest.isEmpty()) {
                        continue;
                    }
                    List<FlagRow> current = Jdbc.list(c, "SELECT mailbox_id, uid, message_id, modseq, " + MessageFlags.COLUMNS
                            + " FROM mailbox_message WHERE mailbox_id = ? AND message_id = ? ORDER BY uid", FlagRow::read,
                            mailboxId, messageId.serialize());
                    result.putAll(SqlMailboxId.of(mailboxId), FlagRow.apply(c, mailboxId, current, calculator::buildNewFlags, highest.get() + 1));
                }
                return null;
            });
            return (Multimap<MailboxId, UpdatedFlags>) result.build();
        });
    }

}
