package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies that no message refers to any more are deleted after a grace period, and only those. */
abstract class OrphanBlobsContract {
    static final Duration GRACE = Duration.ofHours(1);
    static final byte[] BODY = "Subject: the same bytes\r\n\r\nDelivered twice.\r\n".getBytes(StandardCharsets.US_ASCII);

    Mailbox inbox;
    MessageMapper mapper;

    abstract TestStore store();

    Mailbox createMailbox(String name) {
        return store().factory().createMailboxMapper(null)
                .create(MailboxPath.forUser(MailboxCountersContract.ALICE, name), UidValidity.of(7)).block();
    }
    OrphanBlobCollector collector;

    @BeforeEach
    void prepare() {
        inbox = createMailbox("INBOX");
        mapper = store().factory().createMessageMapper(null);
        collector = new OrphanBlobCollector(store().database(), store().blobs(), GRACE, store().clock());
    }

    MailboxMessage sameBytes() {
        SqlMessageId id = new SqlMessageId.Factory().generate();
        return new SimpleMailboxMessage(id, ThreadId.fromBaseMessageId(id), new Date(), BODY.length, 27, new ByteContent(BODY),
                new Flags(), new PropertyBuilder().build(), inbox.getMailboxId());
    }

    void expungeAll() throws Exception {
        List<org.apache.james.mailbox.MessageUid> uids = mapper.listAllMessageUids(inbox).collectList().block();
        mapper.deleteMessages(inbox, uids);
    }

    void later(Duration by) {
        store().clock().setInstant(store().clock().instant().plus(by));
    }

    boolean stored() throws Exception {
        return store().blobs().exists(BlobId.of(BODY));
    }

    @Test
    void aBodyNoMessageRefersToIsDeletedOnlyAfterTheGracePeriod() throws Exception {
        mapper.add(inbox, sameBytes());
        expungeAll();

        assertThat(collector.collect()).isZero();
        assertThat(stored()).as("within the grace period").isTrue();

        later(GRACE.plusMinutes(1));
        assertThat(collector.collect()).isEqualTo(1);
        assertThat(stored()).isFalse();
        long candidates = store().database().<Long>read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM blob_orphan", rs -> rs.getLong(1)).orElseThrow());
        assertThat(candidates).isZero();
    }

    @Test
    void aBodyUsedAgainDuringTheGracePeriodSurvives() throws Exception {
        mapper.add(inbox, sameBytes());
        expungeAll();
        later(Duration.ofMinutes(10));
        MailboxMessage again = sameBytes();
        mapper.add(inbox, again);

        later(GRACE.plusMinutes(1));
        assertThat(collector.collect()).isZero();

        assertThat(stored()).isTrue();
        MailboxMessage read = mapper.findInMailbox(inbox, MessageRange.one(again.getUid()), MessageMapper.FetchType.FULL, 1).next();
        assertThat(read.getFullContent()).hasBinaryContent(BODY);
    }

    @Test
    void aBodySharedByTwoMessagesStaysWhileOneIsLeft() throws Exception {
        MailboxMessage first = sameBytes();
        mapper.add(inbox, first);
        mapper.add(inbox, sameBytes());
        mapper.delete(inbox, first);

        later(GRACE.plusMinutes(1));
        assertThat(collector.collect()).isZero();
        assertThat(stored()).isTrue();
    }

    @Test
    void aCopyKeepsTheBodyWhenTheOriginalIsExpunged() throws Exception {
        Mailbox archive = createMailbox("Archive");
        MailboxMessage original = sameBytes();
        mapper.add(inbox, original);
        mapper.copy(archive, mapper.findInMailbox(inbox, MessageRange.one(original.getUid()), MessageMapper.FetchType.METADATA, 1).next());
        expungeAll();

        later(GRACE.plusMinutes(1));
        assertThat(collector.collect()).isZero();
        assertThat(stored()).isTrue();
        assertThat(mapper.findInMailbox(archive, MessageRange.all(), MessageMapper.FetchType.FULL, 1).next().getFullContent()).hasBinaryContent(BODY);
    }

    /**
     * The race the candidate row settles: a delivery has its body ready (for files: written) when the collector
     * deletes the same bytes; claiming the blob in the delivery's transaction finds it gone and stores it again.
     */
    @Test
    void aDeliveryWhoseBodyWasCollectedUnderItStoresItAgain() throws Exception {
        mapper.add(inbox, sameBytes());
        expungeAll();
        MessageBodies bodies = new MessageBodies(store().blobs());
        MessageBodies.Prepared ready = bodies.prepare(sameBytes());

        later(GRACE.plusMinutes(1));
        assertThat(collector.collect()).isEqualTo(1);
        assertThat(stored()).isFalse();

        store().database().inTransaction(c -> {
            bodies.claim(c, ready);
            return null;
        });
        assertThat(stored()).isTrue();
    }
}
