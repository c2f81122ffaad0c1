package org.facteur.mailserver.store.mailbox;

import org.facteur.mailserver.search.MessageFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.Property;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.sql.Jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.google.common.collect.ImmutableList;

/**
 * The rows of a stored message: one {@code message} row per content (shared by its copies, counted in
 * {@code refs}) and one {@code mailbox_message} row per mailbox and UID, with flags and mod-seq.
 */
final class MessageRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader PROPERTY_LIST = JSON.readerFor(new TypeReference<List<List<String>>>() {
    });
    /**
     * Parsed property lists by their JSON: most messages share a handful (text/plain; charset=utf-8, …), and parsing
     * them again was a quarter of a FETCH's store time. Bounded: emptied when full.
     */
    private static final int PARSED_PROPERTIES_LIMIT = 2_048;
    private static final Map<String, List<Property>> PARSED_PROPERTIES = new ConcurrentHashMap<>();

    /**
     * Every column needed to rebuild a MailboxMessage, in the order {@link #read} reads them by index; the row alias
     * of mailbox_message is mm, of message m.
     */
    static final String SELECT = "SELECT mm.mailbox_id, mm.uid, mm.message_id, mm.modseq, mm.save_date, mm.is_answered, "
            + "mm.is_deleted, mm.is_draft, mm.is_flagged, mm.is_recent, mm.is_seen, mm.user_flags, m.blob_id, m.size, "
            + "m.body_start, m.internal_date, m.thread_id, m.text_line_count, m.properties "
            + "FROM mailbox_message mm JOIN message m ON m.id = mm.message_id ";

    /**
     * {@link #SELECT} with the copy of the message's header section too (column 20, NULL when there is none), for a
     * read whose messages' headers will be parsed (ENVELOPE, BODY[HEADER…]): they then come from the database, not
     * from the blob store.
     */
    static final String SELECT_WITH_HEADER = SELECT.replace("m.properties ", "m.properties, mh.header ")
            + "LEFT JOIN message_header mh ON mh.message_id = m.id ";

    /** Headers larger than this stay only in the blob (a header this large is an oddity, not worth a copy). */
    static final int HEADER_COPY_LIMIT = 64 * 1024;

    /**
     * What search needs of each message (see {@link MessageFacts}), in the order {@link #facts} reads them by index;
     * the row alias of mailbox_message is mm, of message m.
     */
    static final String FACTS = "SELECT mm.uid, mm.message_id, mm.modseq, mm.save_date, mm.is_answered, mm.is_deleted, mm.is_draft, "
            + "mm.is_flagged, mm.is_recent, mm.is_seen, mm.user_flags, m.size, m.internal_date, m.thread_id "
            + "FROM mailbox_message mm JOIN message m ON m.id = mm.message_id ";

    private final MessageBodies bodies;

    MessageRows(MessageBodies bodies) {
        this.bodies = bodies;
    }

    /** A row of {@link #SELECT}: the message's content is read from the blob store when opened. */
    MailboxMessage read(ResultSet rs) throws SQLException {
        return read(rs, null);
    }

    /** A row of {@link #SELECT_WITH_HEADER}: its header section is served from the copy when there is one. */
    MailboxMessage readWithHeader(ResultSet rs) throws SQLException {
        return read(rs, rs.getBytes(20));
    }

    private MailboxMessage read(ResultSet rs, byte[] header) throws SQLException {
        MessageId messageId = SqlMessageId.of(rs.getString(3));
        String thread = rs.getString(17);
        long size = rs.getLong(14);
        Long saveDate = Jdbc.nullableLong(rs, 5);
        return SimpleMailboxMessage.builder()
                .messageId(messageId)
                .threadId(ThreadId.fromBaseMessageId(thread == null ? messageId : SqlMessageId.of(thread)))
                .mailboxId(SqlMailboxId.of(rs.getLong(1)))
                .uid(MessageUid.of(rs.getLong(2)))
                .modseq(ModSeq.of(rs.getLong(4)))
                .internalDate(new Date(rs.getLong(16)))
                .saveDate(saveDate == null ? java.util.Optional.empty() : java.util.Optional.of(new Date(saveDate)))
                .size(size)
                .bodyStartOctet(rs.getInt(15))
                .content(new BlobContent(bodies.store(), new BlobId(rs.getString(13)), size, header))
                .flags(MessageFlags.read(rs, 6))
                .properties(properties(rs.getString(19), Jdbc.nullableLong(rs, 18)))
                .build();
    }

    /** A row of {@link #FACTS}. */
    static MessageFacts facts(ResultSet rs) throws SQLException {
        MessageId messageId = SqlMessageId.of(rs.getString(2));
        String thread = rs.getString(14);
        Long saveDate = Jdbc.nullableLong(rs, 4);
        return new MessageFacts(MessageUid.of(rs.getLong(1)), MessageFlags.read(rs, 5), ModSeq.of(rs.getLong(3)),
                rs.getLong(12), new Date(rs.getLong(13)),
                saveDate == null ? java.util.Optional.empty() : java.util.Optional.of(new Date(saveDate)), messageId,
                ThreadId.fromBaseMessageId(thread == null ? messageId : SqlMessageId.of(thread)));
    }

    /**
     * Inserts the message row of a new message, with a copy of its header section (so that ENVELOPE and header
     * FETCHes need not open the blob: on PostgreSQL that read the whole message), or, when a message with this id
     * is already stored (a copy stored again), counts one more reference to it. The copy goes when the message
     * row does (ON DELETE CASCADE).
     */
    static void insertMessage(Connection c, MailboxMessage message, MessageBodies.Prepared body) throws SQLException {
        Properties properties = message.getProperties();
        int bodyStart = (int) (message.getFullContentOctets() - message.getBodyOctets());
        Jdbc.update(c, "INSERT INTO message (id, blob_id, refs, size, body_start, internal_date, thread_id, text_line_count, properties) "
                        + "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET refs = message.refs + 1",
                message.getMessageId().serialize(), body.id().sha256(), message.getFullContentOctets(), bodyStart,
                message.getInternalDate().getTime(),
                message.getThreadId() == null ? null : message.getThreadId().getBaseMessageId().serialize(),
                properties.getTextualLineCount(), json(properties.toProperties()));
        insertHeader(c, message.getMessageId().serialize(), body.header(), body.envelope());
    }

    /**
     * Keeps the copy of a message's header section and its IMAP envelope ({@link StoredEnvelopes}), unless there is
     * none to keep or it is kept already.
     */
    static void insertHeader(Connection c, String messageId, byte[] header) throws SQLException {
        insertHeader(c, messageId, header, StoredEnvelopes.of(header));
    }

    private static void insertHeader(Connection c, String messageId, byte[] header, byte[] envelope) throws SQLException {
        if (header != null) {
            Jdbc.update(c, "INSERT INTO message_header (message_id, header, envelope) VALUES (?, ?, ?) "
                    + "ON CONFLICT (message_id) DO NOTHING", messageId, header, envelope);
        }
    }

    /** The header section to keep in message_header, or null when it is too large to copy (or the sizes disagree). */
    static byte[] header(byte[] content, int bodyStart) {
        if (bodyStart <= 0 || bodyStart > HEADER_COPY_LIMIT || bodyStart > content.length) {
            return null;
        }
        return Arrays.copyOf(content, bodyStart);
    }

    /** Counts one more reference to a stored message; false when there is no such message any more. */
    static boolean addReference(Connection c, MessageId messageId) throws SQLException {
        return Jdbc.update(c, "UPDATE message SET refs = refs + 1 WHERE id = ?", messageId.serialize()) == 1;
    }

    static void insertMember(Connection c, long mailboxId, long uid, MessageId messageId, long modSeq, Instant saveDate,
                             Flags flags) throws SQLException {
        Object[] flagValues = MessageFlags.values(flags);
        Object[] params = new Object[5 + flagValues.length];
        params[0] = mailboxId;
        params[1] = uid;
        params[2] = messageId.serialize();
        params[3] = modSeq;
        params[4] = saveDate;
        System.arraycopy(flagValues, 0, params, 5, flagValues.length);
        Jdbc.update(c, "INSERT INTO mailbox_message (mailbox_id, uid, message_id, modseq, save_date, " + MessageFlags.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", params);
        rememberKeywords(c, mailboxId, flags);
    }

    /** Keeps the mailbox's list of keywords (its FLAGS answer) up to date; it only grows. */
    static void rememberKeywords(Connection c, long mailboxId, Flags flags) throws SQLException {
        for (String keyword : flags.getUserFlags()) {
            Jdbc.update(c, "INSERT INTO mailbox_user_flag (mailbox_id, flag) VALUES (?, ?) ON CONFLICT (mailbox_id, flag) DO NOTHING",
                    mailboxId, keyword);
        }
    }

    /**
     * Drops {@code count} references per message; a message left without any loses its row and its blob becomes an
     * orphan candidate.
     */
    static void release(Connection c, Map<String, Integer> referencesByMessage, Instant now) throws SQLException {
        for (Map.Entry<String, Integer> e : referencesByMessage.entrySet()) {
            var left = Jdbc.one(c, "UPDATE message SET refs = refs - ? WHERE id = ? RETURNING refs, blob_id",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2)}, e.getValue(), e.getKey());
            if (left.isPresent() && (long) left.get()[0] <= 0) {
                Jdbc.update(c, "DELETE FROM message WHERE id = ?", e.getKey());
                MessageBodies.release(c, (String) left.get()[1], now);
            }
        }
    }

    static Properties properties(String json, Long textualLineCount) {
        if (json == null) {
            return new Properties(List.of(), textualLineCount);
        }
        List<Property> parsed = PARSED_PROPERTIES.get(json);
        if (parsed == null) {
            parsed = parseProperties(json);
            if (PARSED_PROPERTIES.size() >= PARSED_PROPERTIES_LIMIT) {
                PARSED_PROPERTIES.clear();
            }
            PARSED_PROPERTIES.put(json, parsed);
        }
        return new Properties(parsed, textualLineCount);
    }

    private static List<Property> parseProperties(String json) {
        List<Property> props = new ArrayList<>();
        try {
            List<List<String>> rows = PROPERTY_LIST.readValue(json);
            for (List<String> p : rows) {
                props.add(new Property(p.get(0), p.get(1), p.get(2)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable message properties: " + json, e);
        }
        return ImmutableList.copyOf(props); // James's Properties copies into an ImmutableList: this one is kept as is
    }

    static String json(List<Property> properties) {
        if (properties.isEmpty()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Property p : properties) {
            rows.add(List.of(p.getNamespace(), p.getLocalName(), p.getValue()));
        }
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
