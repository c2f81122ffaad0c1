package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.mail.Flags;

import org.apache.james.imap.message.response.FetchResponse.Envelope;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.imap.envelope.EnvelopeCodec;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;

/**
 * The copy of each message's header section kept in its row: a header read (ENVELOPE, BODY[HEADER]) is served from
 * it without the blob, a full read still gets every byte, and rows stored before the copy existed still read.
 */
abstract class MessageHeaderCopyContract {
    static final String HEADER = "From: Alice <alice@example.org>\r\nSubject: header copy\r\n\r\n";
    static final String BODY = "line one\r\nline two\r\n";

    abstract TestStore store();

    private Mailbox mailbox() {
        return store().factory().createMailboxMapper(null)
                .create(MailboxPath.forUser(MailboxCountersContract.ALICE, "INBOX"), UidValidity.of(7)).block();
    }

    private MailboxMessage stored(Mailbox mailbox, String header, String body) throws Exception {
        byte[] bytes = (header + body).getBytes(StandardCharsets.US_ASCII);
        SqlMessageId id = new SqlMessageId.Factory().generate();
        MailboxMessage message = new SimpleMailboxMessage(id, ThreadId.fromBaseMessageId(id), new Date(), bytes.length,
                header.length(), new ByteContent(bytes), new Flags(), new PropertyBuilder().build(), mailbox.getMailboxId());
        mapper().add(mailbox, message);
        return message;
    }

    private Mailbox archive() {
        return store().factory().createMailboxMapper(null)
                .create(MailboxPath.forUser(MailboxCountersContract.ALICE, "Archive"), UidValidity.of(8)).block();
    }

    private MessageMapper mapper() {
        return store().factory().createMessageMapper(null);
    }

    private MailboxMessage read(Mailbox mailbox, FetchType type) throws Exception {
        List<MailboxMessage> found = ImmutableList.copyOf(mapper().findInMailbox(mailbox, MessageRange.all(), type, 1));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private void deleteTheBlob() throws Exception {
        String blob = store().database().read(c -> Jdbc.one(c, "SELECT blob_id FROM message", rs -> rs.getString(1))).orElseThrow();
        store().blobs().delete(new BlobId(blob));
    }

    @Test
    void aHeaderReadNeedsNoBlobButAFullReadStillDoes() throws Exception {
        Mailbox mailbox = mailbox();
        stored(mailbox, HEADER, BODY);
        deleteTheBlob();

        MailboxMessage headers = read(mailbox, FetchType.HEADERS);
        assertThat(text(headers.getHeaderContent())).isEqualTo(HEADER);
        assertThatThrownBy(() -> text(headers.getFullContent())).isInstanceOf(IOException.class);
        // Without the copy (a metadata read), the header comes from the blob, which is gone.
        MailboxMessage metadata = read(mailbox, FetchType.METADATA);
        assertThatThrownBy(() -> text(metadata.getHeaderContent())).isInstanceOf(IOException.class);
    }

    @Test
    void everyReadGetsTheWholeMessageAndItsBody() throws Exception {
        Mailbox mailbox = mailbox();
        stored(mailbox, HEADER, BODY);

        for (FetchType type : FetchType.values()) {
            MailboxMessage message = read(mailbox, type);
            assertThat(text(message.getFullContent())).as(type.name()).isEqualTo(HEADER + BODY);
            assertThat(text(message.getHeaderContent())).as(type.name()).isEqualTo(HEADER);
            assertThat(text(message.getBodyContent())).as(type.name()).isEqualTo(BODY);
        }
        try (InputStream in = read(mailbox, FetchType.HEADERS).getFullContent()) {
            assertThat(in.skip(HEADER.length() - 3)).isEqualTo(HEADER.length() - 3);
            assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("\n\r\nline");
        }
    }

    @Test
    void aRowStoredBeforeTheCopyExistedReadsItsHeaderFromTheBlob() throws Exception {
        Mailbox mailbox = mailbox();
        stored(mailbox, HEADER, BODY);
        store().database().inTransaction(c -> Jdbc.update(c, "DELETE FROM message_header"));

        MailboxMessage message = read(mailbox, FetchType.HEADERS);

        assertThat(text(message.getHeaderContent())).isEqualTo(HEADER);
        assertThat(text(message.getFullContent())).isEqualTo(HEADER + BODY);
    }

    @Test
    void aHugeHeaderIsNotCopied() throws Exception {
        Mailbox mailbox = mailbox();
        String huge = "X-Filler: " + "y".repeat(MessageRows.HEADER_COPY_LIMIT) + "\r\n\r\n";
        stored(mailbox, huge, BODY);

        assertThat(store().database().read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM message_header", rs -> rs.getLong(1))).orElseThrow()).isZero();
        assertThat(text(read(mailbox, FetchType.HEADERS).getHeaderContent())).isEqualTo(huge);
    }

    @Test
    void aLargeHeaderReadComesInChunksInUidOrderAndKeepsItsRangeAndLimit() throws Exception {
        Mailbox mailbox = mailbox();
        int count = 2 * SqlMessageMapper.HEADER_READ_CHUNK + 50;
        for (int i = 1; i <= count; i++) {
            stored(mailbox, "Subject: " + i + "\r\n\r\n", BODY);
        }

        List<MailboxMessage> all = ImmutableList.copyOf(mapper().findInMailbox(mailbox, MessageRange.all(), FetchType.HEADERS, -1));
        assertThat(all).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(all.get(i).getUid().asLong()).isEqualTo(i + 1);
            assertThat(text(all.get(i).getHeaderContent())).isEqualTo("Subject: " + (i + 1) + "\r\n\r\n");
        }
        List<MailboxMessage> limited = ImmutableList.copyOf(mapper().findInMailbox(mailbox, MessageRange.all(), FetchType.HEADERS, 300));
        assertThat(limited).extracting(m -> m.getUid().asLong()).startsWith(1L).endsWith(300L).hasSize(300);
        List<MailboxMessage> ranged = ImmutableList.copyOf(mapper().findInMailbox(mailbox,
                MessageRange.range(org.apache.james.mailbox.MessageUid.of(200), org.apache.james.mailbox.MessageUid.of(520)), FetchType.HEADERS, -1));
        assertThat(ranged).extracting(m -> m.getUid().asLong()).startsWith(200L).endsWith(520L).hasSize(321);
        assertThat(ImmutableList.copyOf(mapper().findInMailbox(mailbox,
                MessageRange.from(org.apache.james.mailbox.MessageUid.of(count + 1)), FetchType.HEADERS, -1))).isEmpty();
    }

    @Test
    void theCopyIsSharedByCopiesAndGoesWithTheLastOne() throws Exception {
        Mailbox inbox = mailbox();
        Mailbox archive = archive();
        MailboxMessage original = stored(inbox, HEADER, BODY);
        mapper().copy(archive, original);
        assertThat(headerCopies()).isEqualTo(1);
        assertThat(text(read(archive, FetchType.HEADERS).getHeaderContent())).isEqualTo(HEADER);

        mapper().deleteMessages(inbox, List.of(original.getUid()));
        assertThat(headerCopies()).isEqualTo(1);
        mapper().deleteMessages(archive, List.of(read(archive, FetchType.METADATA).getUid()));
        assertThat(headerCopies()).isZero();
    }

    private long headerCopies() {
        return store().database().read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM message_header", rs -> rs.getLong(1))).orElseThrow();
    }

    @Test
    void eachMessageKeepsItsEnvelopeWhichCopiesShareAndAHugeHeaderKeepsNone() throws Exception {
        Mailbox inbox = mailbox();
        Mailbox archive = archive();
        MailboxMessage first = stored(inbox, HEADER, BODY);
        stored(inbox, "X-Only: this\r\n\r\n", BODY);
        stored(inbox, "X-Filler: " + "y".repeat(MessageRows.HEADER_COPY_LIMIT) + "\r\n\r\n", BODY);
        mapper().copy(archive, first);
        StoredEnvelopes envelopes = new StoredEnvelopes(store().database());

        Map<Long, byte[]> kept = envelopes.of(inbox.getMailboxId(), List.of(1L, 2L, 3L, 4L));

        assertThat(kept).containsOnlyKeys(1L, 2L);
        Envelope alice = EnvelopeCodec.decode(kept.get(1L));
        assertThat(alice.getSubject()).isEqualTo("header copy");
        assertThat(alice.getFrom()).singleElement().satisfies(a -> {
            assertThat(a.getPersonalName()).isEqualTo("Alice");
            assertThat(a.getMailboxName()).isEqualTo("alice");
            assertThat(a.getHostName()).isEqualTo("example.org");
        });
        assertThat(alice.getSender()).hasSize(1); // James's rule: no Sender means From's
        assertThat(alice.getTo()).isNull();
        Envelope bare = EnvelopeCodec.decode(kept.get(2L));
        assertThat(bare.getSubject()).isNull();
        assertThat(bare.getFrom()).isNull();
        assertThat(EnvelopeCodec.decode(envelopes.of(archive.getMailboxId(), List.of(1L)).get(1L)).getSubject())
                .isEqualTo("header copy");
        assertThat(envelopes.of(inbox.getMailboxId(), List.of())).isEmpty();
    }

    @Test
    void theBackfillKeepsTheEnvelopesOfOlderMessagesOnceAndLeavesKeptOnesAlone() throws Exception {
        Mailbox mailbox = mailbox();
        int count = EnvelopeBackfill.BATCH + 30;
        String firstId = null;
        for (int i = 1; i <= count; i++) {
            MailboxMessage message = stored(mailbox, "Subject: older " + i + "\r\n\r\n", BODY);
            firstId = firstId == null ? message.getMessageId().serialize() : firstId;
        }
        StoredEnvelopes envelopes = new StoredEnvelopes(store().database());
        byte[] second = envelopes.of(mailbox.getMailboxId(), List.of(2L)).get(2L);
        String first = firstId;
        // Message 1 keeps an envelope (message 2's, to tell it apart); every other one lost its own.
        store().database().inTransaction(c -> Jdbc.update(c, "UPDATE message_header SET envelope = NULL WHERE message_id <> ?", first)
                + Jdbc.update(c, "UPDATE message_header SET envelope = ? WHERE message_id = ?", second, first));
        assertThat(envelopes.of(mailbox.getMailboxId(), List.of(2L, 3L))).isEmpty();

        assertThat(new EnvelopeBackfill(store().database()).run()).isEqualTo(count - 1);

        List<Long> uids = java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
        Map<Long, byte[]> kept = envelopes.of(mailbox.getMailboxId(), uids);
        assertThat(kept).hasSize(count);
        assertThat(EnvelopeCodec.decode(kept.get((long) count)).getSubject()).isEqualTo("older " + count);
        assertThat(EnvelopeCodec.decode(kept.get(1L)).getSubject()).as("left alone").isEqualTo("older 2");
        assertThat(new EnvelopeBackfill(store().database()).run()).as("nothing left to do").isZero();
    }
}
