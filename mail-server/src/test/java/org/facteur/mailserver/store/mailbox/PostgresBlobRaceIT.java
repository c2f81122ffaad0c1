package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

import javax.mail.Flags;

import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL (where transactions really run side by side) with bodies as files: the collector has decided a blob
 * is unused and is about to delete the file when a delivery of the same bytes, whose file was already there, reaches
 * its transaction. The delivery must wait on the candidate row, then find the file gone and write it again; without
 * that, the message would commit pointing at a deleted body.
 */
class PostgresBlobRaceIT {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    static final byte[] BODY = "Subject: raced\r\n\r\nSame bytes.\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aDeliveryRacingTheCollectorOnTheSameBytesKeepsItsBody() throws Exception {
        Path dir = Files.createTempDirectory("facteur-race");
        FileBlobStore files = new FileBlobStore(dir);
        MessageMapper mapper = new SqlMailboxSessionMapperFactory(STORE.database(), files, STORE.clock()).createMessageMapper(null);
        Mailbox inbox = STORE.factory().createMailboxMapper(null)
                .create(MailboxPath.forUser(MailboxCountersContract.ALICE, "INBOX"), UidValidity.of(3)).block();
        MailboxMessage first = message(inbox);
        mapper.add(inbox, first);
        mapper.delete(inbox, first);
        String blob = BlobId.of(BODY).sha256();

        try (Connection collector = STORE.database().dataSource().getConnection()) {
            collector.setAutoCommit(false);
            assertThat(Jdbc.update(collector, "DELETE FROM blob_orphan WHERE blob_id = ?", blob)).isEqualTo(1);
            assertThat(Jdbc.one(collector, "SELECT 1 FROM message WHERE blob_id = ?", rs -> true, blob)).isEmpty();

            CompletableFuture<MessageMetaData> delivery = CompletableFuture.supplyAsync(() -> {
                try {
                    return mapper.add(inbox, message(inbox));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery.isDone() || waitingOnALock());

            files.delete(new BlobId(blob));
            collector.commit();
            MessageMetaData delivered = delivery.get();

            MailboxMessage read = mapper.findInMailbox(inbox, MessageRange.one(delivered.getUid()), MessageMapper.FetchType.FULL, 1).next();
            assertThat(read.getFullContent()).hasBinaryContent(BODY);
        }
    }

    private static boolean waitingOnALock() {
        return STORE.database().<Boolean>read(c -> Jdbc.one(c,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                rs -> rs.getLong(1) > 0).orElse(false));
    }

    private static MailboxMessage message(Mailbox mailbox) {
        SqlMessageId id = new SqlMessageId.Factory().generate();
        return new SimpleMailboxMessage(id, ThreadId.fromBaseMessageId(id), new Date(), BODY.length, 18, new ByteContent(BODY),
                new Flags(), new PropertyBuilder().build(), mailbox.getMailboxId());
    }
}
