package org.facteur.mailserver.store.mailbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.mailbox.ApplicableFlagBuilder;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.facteur.mailserver.store.mailbox.MailboxStorage.NoSuchMailbox;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.facteur.mailserver.store.sql.SqlWork;
import org.facteur.mailserver.search.MessageFacts;

import com.google.common.collect.AbstractIterator;
import com.google.common.collect.Lists;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James's message mapper on SQL. A delivery is one transaction: the mailbox row gives the UID and mod-seq and takes
 * the counter change in one {@code UPDATE … RETURNING}, then the message and mailbox_message rows are inserted (the
 * body was made durable just before). Flag changes, expunges, copies and moves change the counters by delta in
 * their own transaction; counts, the first unseen and the recent messages are read from the mailbox row or through
 * an index, never by scanning the mailbox.
 */
final class SqlMessageMapper implements MessageMapper, MessageFacts.Source {
    /** UIDs per IN (…) list: well under the parameter limits of SQLite (32766) and PostgreSQL (65535). */
    private static final int CHUNK = 500;

    private final Database database;
    private final MessageBodies bodies;
    private final MessageRows rows;
    private final Clock clock;

    SqlMessageMapper(Database database, MessageBodies bodies, Clock clock) {
        this.database = database;
        this.bodies = bodies;
        this.rows = new MessageRows(bodies);
        this.clock = clock;
    }

    /** Messages read at a time with their header copies (each up to 64 KiB, typically 1–5 KiB). */
    static final int HEADER_READ_CHUNK = 256;
    /** Messages read at a time without them (about half a KiB each in memory). */
    static final int METADATA_READ_CHUNK = 2_000;

    @Override
    public Iterator<MailboxMessage> findInMailbox(Mailbox mailbox, MessageRange set, FetchType type, int limit) throws MailboxException {
        UidRanges range = UidRanges.of(set, "mm.uid");
        if (type == FetchType.HEADERS || type == FetchType.ATTACHMENTS_METADATA) {
            return inChunks(id(mailbox), range, limit, MessageRows.SELECT_WITH_HEADER, rows::readWithHeader, HEADER_READ_CHUNK);
        }
        // Other reads leave the header copies alone: a FLAGS sync of 10,000 messages need not load them.
        return inChunks(id(mailbox), range, limit, MessageRows.SELECT, rows::read, METADATA_READ_CHUNK);
    }

    /**
     * Messages read {@code chunkSize} at a time as the caller iterates, with {@code select} ({@link MessageRows}'s
     * {@code SELECT} or {@code SELECT_WITH_HEADER}): a {@code UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (…)])} or
     * {@code FETCH 1:* (FLAGS ENVELOPE)} of a large mailbox (mutt's index, a thread view) never holds more than one
     * chunk in memory. The first chunk is read at once, so that its errors are the caller's.
     */
    private Iterator<MailboxMessage> inChunks(long mailboxId, UidRanges range, int limit, String select,
                                              Jdbc.Row<MailboxMessage> reader, int chunkSize) throws MailboxException {
        int wanted = limit > 0 ? limit : Integer.MAX_VALUE;
        int firstSize = Math.min(chunkSize, wanted);
        List<MailboxMessage> first = MailboxStorage.read(database, chunk(mailboxId, range, 0, firstSize, select, reader));
        return new AbstractIterator<>() {
            private List<MailboxMessage> chunk = first;
            private int at;
            private int left = wanted - first.size();
            private boolean last = first.size() < firstSize;

            @Override
            protected MailboxMessage computeNext() {
                if (at == chunk.size()) {
                    if (last || left <= 0) {
                        return endOfData();
                    }
                    long from = chunk.get(chunk.size() - 1).getUid().asLong() + 1;
                    int size = Math.min(chunkSize, left);
                    chunk = MailboxStorage.readUnchecked(database, chunk(mailboxId, range, from, size, select, reader));
                    at = 0;
                    left -= chunk.size();
                    last = chunk.size() < size;
                    if (chunk.isEmpty()) {
                        return endOfData();
                    }
                }
                return chunk.get(at++);
            }
        };
    }

    /** Up to {@code size} messages of the range from UID {@code from} on. */
    private static SqlWork<List<MailboxMessage>> chunk(long mailboxId, UidRanges range, long from, int size, String select,
                                                       Jdbc.Row<MailboxMessage> reader) {
        List<Object> params = new ArrayList<>();
        params.add(mailboxId);
        params.addAll(range.params());
        params.add(from);
        params.add(size);
        return c -> Jdbc.list(c, select + "WHERE mm.mailbox_id = ?" + range.condition()
                + " AND mm.uid >= ? ORDER BY mm.uid LIMIT ?", reader, params.toArray());
    }

    /** For search: the facts of every message of a mailbox in one light read (no content, no properties). */
    @Override
    public List<MessageFacts> facts(Mailbox mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.list(c, MessageRows.FACTS + "WHERE mm.mailbox_id = ? ORDER BY mm.uid",
                MessageRows::facts, id(mailbox)));
    }

    /**
     * For search: every change of a mailbox's messages moves one of these (UIDs only grow, flag changes take a new
     * highest mod-seq, expunges lower the count), so search may reuse facts read under the same version.
     */
    @Override
    public MessageFacts.Version version(Mailbox mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c, "SELECT last_uid, highest_modseq, messages FROM mailbox WHERE id = ?",
                rs -> new MessageFacts.Version(rs.getLong(1), rs.getLong(2), rs.getLong(3)), id(mailbox)))
                .orElse(new MessageFacts.Version(-1, -1, -1));
    }

    @Override
    public List<MessageUid> retrieveMessagesMarkedForDeletion(Mailbox mailbox, MessageRange messageRange) throws MailboxException {
        UidRanges range = UidRanges.of(messageRange, "uid");
        List<Object> params = new ArrayList<>();
        params.add(id(mailbox));
        params.addAll(range.params());
        return MailboxStorage.read(database, c -> Jdbc.list(c,
                "SELECT uid FROM mailbox_message WHERE mailbox_id = ? AND is_deleted = TRUE" + range.condition() + " ORDER BY uid",
                rs -> MessageUid.of(rs.getLong(1)), params.toArray()));
    }

    @Override
    public long countMessagesInMailbox(Mailbox mailbox) throws MailboxException {
        return getMailboxCounters(mailbox).getCount();
    }

    @Override
    public MailboxCounters getMailboxCounters(Mailbox mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c, "SELECT messages, unseen FROM mailbox WHERE id = ?",
                        rs -> MailboxCounters.builder().mailboxId(mailbox.getMailboxId()).count(rs.getLong(1)).unseen(rs.getLong(2)).build(),
                        id(mailbox)))
                .orElseGet(() -> MailboxCounters.empty(mailbox.getMailboxId()));
    }

    @Override
    public void delete(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        deleteMessages(mailbox, List.of(message.getUid()));
    }

    @Override
    public Map<MessageUid, MessageMetaData> deleteMessages(Mailbox mailbox, List<MessageUid> uids) throws MailboxException {
        if (uids.isEmpty()) {
            return Map.of();
        }
        long mailboxId = id(mailbox);
        Instant now = clock.instant();
        return MailboxStorage.write(database, c -> {
            if (MailboxRows.lock(c, mailboxId).isEmpty()) {
                return Map.<MessageUid, MessageMetaData>of();
            }
            Map<MessageUid, MessageMetaData> deleted = new LinkedHashMap<>();
            Map<String, Integer> references = new HashMap<>();
            Counts delta = Counts.NONE;
            for (List<MessageUid> chunk : Lists.partition(uids, CHUNK)) {
                String in = chunk.stream().map(u -> "?").collect(Collectors.joining(", "));
                Object[] params = new Object[chunk.size() + 1];
                params[0] = mailboxId;
                for (int i = 0; i < chunk.size(); i++) {
                    params[i + 1] = chunk.get(i).asLong();
                }
                for (MailboxMessage m : Jdbc.list(c, MessageRows.SELECT + "WHERE mm.mailbox_id = ? AND mm.uid IN (" + in + ")", rows::read, params)) {
                    deleted.put(m.getUid(), m.metaData());
                    references.merge(m.getMessageId().serialize(), 1, Integer::sum);
                    delta = delta.minus(Counts.of(m.createFlags(), m.getFullContentOctets()));
                }
                Jdbc.update(c, "DELETE FROM mailbox_message WHERE mailbox_id = ? AND uid IN (" + in + ")", params);
            }
            MailboxRows.change(c, mailboxId, delta, null);
            MessageRows.release(c, references, now);
            return deleted;
        });
    }

    @Override
    public MessageUid findFirstUnseenMessageUid(Mailbox mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c,
                        "SELECT MIN(uid) FROM mailbox_message WHERE mailbox_id = ? AND is_seen = FALSE",
                        rs -> {
                            long uid = rs.getLong(1);
                            return rs.wasNull() ? null : MessageUid.of(uid);
                        }, id(mailbox)))
                .orElse(null);
    }

    @Override
    public List<MessageUid> findRecentMessageUidsInMailbox(Mailbox mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.list(c,
                "SELECT uid FROM mailbox_message WHERE mailbox_id = ? AND is_recent = TRUE ORDER BY uid",
                rs -> MessageUid.of(rs.getLong(1)), id(mailbox)));
    }

    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        long mailboxId = id(mailbox);
        MessageBodies.Prepared body = bodies.prepare(message);
        Flags flags = message.createFlags();
        Instant saveDate = message.getSaveDate().map(Date::toInstant).orElseGet(clock::instant);
        MailboxRows.Allocation at = MailboxStorage.write(database, c -> {
            bodies.claim(c, body);
            // The mailbox row lock is taken after the body is in place, and held only for the three statements.
            MailboxRows.Allocation allocation = MailboxRows.allocate(c, mailboxId, 1, Counts.of(flags, message.getFullContentOctets()))
                    .orElseThrow(() -> new NoSuchMailbox(mailbox.getMailboxId()));
            MessageRows.insertMessage(c, message, body);
            MessageRows.insertMember(c, mailboxId, allocation.firstUid(), message.getMessageId(), allocation.modSeq(), saveDate, flags);
            return allocation;
        });
        message.setUid(MessageUid.of(at.firstUid()));
        message.setModSeq(ModSeq.of(at.modSeq()));
        message.setSaveDate(Date.from(saveDate));
        return message.metaData();
    }

    @Override
    public Iterator<UpdatedFlags> updateFlags(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set) throws MailboxException {
        long mailboxId = id(mailbox);
        UidRanges range = UidRanges.of(set, "uid");
        List<Object> params = new ArrayList<>();
        params.add(mailboxId);
        params.addAll(range.params());
        return MailboxStorage.write(database, c -> {
            long modSeq = MailboxRows.lock(c, mailboxId).orElseThrow(() -> new NoSuchMailbox(mailbox.getMailboxId())) + 1;
            List<FlagRow> current = Jdbc.list(c, "SELECT mailbox_id, uid, message_id, modseq, " + MessageFlags.COLUMNS
                    + " FROM mailbox_message WHERE mailbox_id = ?" + range.condition() + " ORDER BY uid", FlagRow::read, params.toArray());
            return FlagRow.apply(c, mailboxId, current, calculator::buildNewFlags, modSeq);
        }).iterator();
    }

    @Override
    public List<UpdatedFlags> resetRecent(Mailbox mailbox) throws MailboxException {
        long mailboxId = id(mailbox);
        return recentCount(mailboxId) == 0 ? List.of() : clearRecent(mailboxId);
    }

    /** Clears \Recent in one transaction; nothing happens (and nothing is reported) when another writer did it first. */
    private List<UpdatedFlags> clearRecent(long mailboxId) throws MailboxException {
        return MailboxStorage.write(database, c -> {
            Optional<Long> modSeq = Jdbc.one(c, "UPDATE mailbox SET highest_modseq = highest_modseq + 1, recent = 0 "
                    + "WHERE id = ? AND recent > 0 RETURNING highest_modseq", rs -> rs.getLong(1), mailboxId);
            if (modSeq.isEmpty()) {
                return List.<UpdatedFlags>of();
            }
            return Jdbc.list(c, "UPDATE mailbox_message SET is_recent = FALSE, modseq = ? WHERE mailbox_id = ? AND is_recent = TRUE "
                    + "RETURNING uid, message_id, " + MessageFlags.COLUMNS, rs -> {
                        Flags now = MessageFlags.read(rs);
                        Flags before = new Flags(now);
                        before.add(Flags.Flag.RECENT);
                        return UpdatedFlags.builder()
                                .uid(MessageUid.of(rs.getLong("uid")))
                                .messageId(SqlMessageId.of(rs.getString("message_id")))
                                .modSeq(ModSeq.of(modSeq.get()))
                                .oldFlags(before)
                                .newFlags(now)
                                .build();
                    }, modSeq.get(), mailboxId);
        });
    }

    @Override
    public Mono<List<UpdatedFlags>> resetRecentReactive(Mailbox mailbox) {
        // Every read-write SELECT asks; usually nothing is \Recent and the answer is one read of the mailbox row, on
        // the caller's thread. Only a clearing (a commit) goes to James's pool.
        long mailboxId = id(mailbox);
        return Mono.fromCallable(() -> recentCount(mailboxId))
                .flatMap(recent -> recent == 0
                        ? Mono.just(List.<UpdatedFlags>of())
                        : Mono.fromCallable(() -> clearRecent(mailboxId)).subscribeOn(Schedulers.boundedElastic()));
    }

    private long recentCount(long mailboxId) throws MailboxException {
        return MailboxStorage.read(database, c -> MailboxRows.recent(c, mailboxId));
    }

    @Override
    public MessageMetaData copy(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        List<MessageMetaData> copied = copy(mailbox, List.of(original));
        if (copied.isEmpty()) {
            throw new MailboxException("Message " + original.getMessageId() + " was expunged everywhere while being copied");
        }
        return copied.get(0);
    }

    /**
     * One transaction for the whole set: one allocation of consecutive UIDs, one counter change. A message that
     * another session expunged from every mailbox since the caller read it is left out (its row and body are gone),
     * as {@link #move} leaves out a message no longer in its mailbox; the UIDs allocated for it stay unused.
     */
    @Override
    public List<MessageMetaData> copy(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        if (originals.isEmpty()) {
            return List.of();
        }
        long mailboxId = id(mailbox);
        Instant saveDate = clock.instant();
        List<Flags> flags = new ArrayList<>();
        Counts delta = Counts.NONE;
        for (MailboxMessage original : originals) {
            Flags f = original.createFlags();
            f.add(Flags.Flag.RECENT);
            flags.add(f);
            delta = delta.plus(Counts.of(f, original.getFullContentOctets()));
        }
        Counts total = delta;
        return MailboxStorage.write(database, c -> {
            // The mailbox row first, as every writer of this mailbox takes it, then the messages' rows.
            MailboxRows.Allocation at = MailboxRows.allocate(c, mailboxId, originals.size(), total)
                    .orElseThrow(() -> new NoSuchMailbox(mailbox.getMailboxId()));
            List<MessageMetaData> copied = new ArrayList<>();
            Counts expunged = Counts.NONE;
            for (int i = 0; i < originals.size(); i++) {
                MailboxMessage original = originals.get(i);
                if (!MessageRows.addReference(c, original.getMessageId())) {
                    expunged = expunged.plus(Counts.of(flags.get(i), original.getFullContentOctets()));
                    continue;
                }
                long uid = at.firstUid() + copied.size();
                MessageRows.insertMember(c, mailboxId, uid, original.getMessageId(), at.modSeq(), saveDate, flags.get(i));
                copied.add(arrived(original, uid, at.modSeq(), flags.get(i), saveDate));
            }
            MailboxRows.change(c, mailboxId, Counts.NONE.minus(expunged), null);
            return copied;
        });
    }

    @Override
    public Mono<List<MessageMetaData>> copyReactive(Mailbox mailbox, List<MailboxMessage> original) {
        return Mono.fromCallable(() -> copy(mailbox, original)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public MessageMetaData move(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        return move(mailbox, List.of(original)).get(0);
    }

    /**
     * One transaction: both mailbox rows are locked (lower id first, so that opposite moves do not deadlock), the
     * rows leave the source and enter the target with new UIDs, and both mailboxes' counters follow.
     */
    @Override
    public List<MessageMetaData> move(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        if (originals.isEmpty()) {
            return List.of();
        }
        long target = id(mailbox);
        Instant saveDate = clock.instant();
        return MailboxStorage.write(database, c -> {
            List<Long> sources = originals.stream().map(m -> SqlMailboxId.raw(m.getMailboxId())).distinct().sorted().toList();
            List<Long> locks = new ArrayList<>(sources);
            if (!locks.contains(target)) {
                locks.add(target);
            }
            locks.sort(Long::compare);
            for (long id : locks) {
                MailboxRows.lock(c, id).orElseThrow(() -> new NoSuchMailbox(SqlMailboxId.of(id)));
            }
            List<MailboxMessage> moving = new ArrayList<>();
            for (MailboxMessage original : originals) {
                Jdbc.one(c, MessageRows.SELECT + "WHERE mm.mailbox_id = ? AND mm.uid = ?", rows::read,
                                SqlMailboxId.raw(original.getMailboxId()), original.getUid().asLong())
                        .ifPresent(moving::add);
            }
            Counts entering = Counts.NONE;
            for (MailboxMessage m : moving) {
                long source = SqlMailboxId.raw(m.getMailboxId());
                Jdbc.update(c, "DELETE FROM mailbox_message WHERE mailbox_id = ? AND uid = ?", source, m.getUid().asLong());
                MailboxRows.change(c, source, Counts.NONE.minus(Counts.of(m.createFlags(), m.getFullContentOctets())), null);
                Flags flags = m.createFlags();
                flags.add(Flags.Flag.RECENT);
                entering = entering.plus(Counts.of(flags, m.getFullContentOctets()));
            }
            if (moving.isEmpty()) {
                return List.<MessageMetaData>of();
            }
            MailboxRows.Allocation at = MailboxRows.allocate(c, target, moving.size(), entering).orElseThrow();
            List<MessageMetaData> result = new ArrayList<>();
            for (int i = 0; i < moving.size(); i++) {
                MailboxMessage m = moving.get(i);
                Flags flags = m.createFlags();
                flags.add(Flags.Flag.RECENT);
                MessageRows.insertMember(c, target, at.firstUid() + i, m.getMessageId(), at.modSeq(), saveDate, flags);
                result.add(arrived(m, at.firstUid() + i, at.modSeq(), flags, saveDate));
            }
            return result;
        });
    }

    @Override
    public Mono<List<MessageMetaData>> moveReactive(Mailbox mailbox, List<MailboxMessage> original) {
        return Mono.fromCallable(() -> move(mailbox, original)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Optional<MessageUid> getLastUid(Mailbox mailbox) throws MailboxException {
        return SqlUidProvider.lastUid(database, id(mailbox));
    }

    @Override
    public ModSeq getHighestModSeq(Mailbox mailbox) throws MailboxException {
        return SqlModSeqProvider.highest(database, id(mailbox));
    }

    @Override
    public Flags getApplicableFlag(Mailbox mailbox) throws MailboxException {
        List<String> keywords = MailboxStorage.read(database, c -> Jdbc.list(c,
                "SELECT flag FROM mailbox_user_flag WHERE mailbox_id = ?", rs -> rs.getString(1), id(mailbox)));
        return ApplicableFlagBuilder.builder().add(keywords.toArray(String[]::new)).build();
    }

    // These reads are one row of the mailbox table, or a minimum or a short list through an index. James's defaults
    // subscribe each on its bounded-elastic pool, so the query and the rest of the command ran there and the answer
    // went back to the connection's event loop: a thread hand-over each way, more than the query costs (STATUS p50
    // 0.135/0.157 -> 0.105/0.109 ms back to back, 0.31/0.59 -> 0.21/0.20 ms with 5 ms between commands). They run on
    // the caller's thread, as findInMailboxReactive (FETCH) always did. The lists that grow with the mailbox (the
    // \Recent and \Deleted UIDs, which STATUS RECENT and EXPUNGE ask for) and every write (its commit waits for the
    // disk) stay on James's pool, so that no connection's event loop waits for them.

    @Override
    public Mono<MailboxCounters> getMailboxCountersReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> getMailboxCounters(mailbox));
    }

    @Override
    public Mono<Optional<MessageUid>> getLastUidReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> getLastUid(mailbox));
    }

    @Override
    public Mono<ModSeq> getHighestModSeqReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> getHighestModSeq(mailbox));
    }

    @Override
    public Mono<Flags> getApplicableFlagReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> getApplicableFlag(mailbox));
    }

    @Override
    public Mono<Optional<MessageUid>> findFirstUnseenMessageUidReactive(Mailbox mailbox) {
        return Mono.fromCallable(() -> Optional.ofNullable(findFirstUnseenMessageUid(mailbox)));
    }

    @Override
    public Flux<MessageUid> listAllMessageUids(Mailbox mailbox) {
        return Flux.defer(() -> Flux.fromIterable(MailboxStorage.readUnchecked(database, c -> Jdbc.list(c,
                "SELECT uid FROM mailbox_message WHERE mailbox_id = ? ORDER BY uid", rs -> MessageUid.of(rs.getLong(1)), id(mailbox)))));
    }

    /** The metadata of {@code message} as it now is in the target mailbox of a copy or move. */
    private static MessageMetaData arrived(MailboxMessage message, long uid, long modSeq, Flags flags, Instant saveDate) {
        return new MessageMetaData(MessageUid.of(uid), ModSeq.of(modSeq), flags, message.getFullContentOctets(),
                message.getInternalDate(), Optional.of(Date.from(saveDate)), message.getMessageId(), message.getThreadId());
    }

    private static long id(Mailbox mailbox) {
        return SqlMailboxId.raw(mailbox.getMailboxId());
    }

    /** One message's flags as read under the mailbox lock, for a flag update. */
    record FlagRow(long mailboxId, long uid, String messageId, long modSeq, Flags flags) {
        static FlagRow read(java.sql.ResultSet rs) throws SQLException {
            return new FlagRow(rs.getLong("mailbox_id"), rs.getLong("uid"), rs.getString("message_id"), rs.getLong("modseq"), MessageFlags.read(rs));
        }

        /**
         * Computes and writes the new flags of {@code rows} (all in mailbox {@code mailboxId}, locked by the caller),
         * gives the changed ones {@code modSeq}, adjusts the mailbox's counters, and reports every row.
         */
        static List<UpdatedFlags> apply(Connection c, long mailboxId, List<FlagRow> rows,
                                        java.util.function.UnaryOperator<Flags> change, long modSeq) throws SQLException {
            List<UpdatedFlags> result = new ArrayList<>();
            Counts delta = Counts.NONE;
            Flags keywords = new Flags();
            try (PreparedStatement update = c.prepareStatement("UPDATE mailbox_message SET " + MessageFlags.SET
                    + ", modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
                int batched = 0;
                for (FlagRow row : rows) {
                    Flags before = row.flags();
                    Flags after = change.apply(new Flags(before));
                    long rowModSeq = row.modSeq();
                    if (UpdatedFlags.flagsChanged(before, after)) {
                        rowModSeq = modSeq;
                        Object[] values = MessageFlags.values(after);
                        Object[] params = java.util.Arrays.copyOf(values, values.length + 3);
                        params[values.length] = modSeq;
                        params[values.length + 1] = mailboxId;
                        params[values.length + 2] = row.uid();
                        Jdbc.bind(update, params);
                        update.addBatch();
                        batched++;
                        delta = delta.plus(Counts.flagChange(before, after));
                        for (String keyword : after.getUserFlags()) {
                            keywords.add(keyword);
                        }
                    }
                    result.add(UpdatedFlags.builder()
                            .uid(MessageUid.of(row.uid()))
                            .messageId(SqlMessageId.of(row.messageId()))
                            .modSeq(ModSeq.of(rowModSeq))
                            .oldFlags(before)
                            .newFlags(after)
                            .build());
                }
                if (batched > 0) {
                    update.executeBatch();
                    MailboxRows.change(c, mailboxId, delta, modSeq);
                    MessageRows.rememberKeywords(c, mailboxId, keywords);
                }
            }
            return result;
        }
    }
}
