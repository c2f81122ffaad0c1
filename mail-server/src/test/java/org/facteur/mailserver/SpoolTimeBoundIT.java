package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.facteur.mailserver.mime.HostileMessages;
import org.facteur.mailserver.mime.MimeLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Second line of defence: with the MIME limits opened wide, 10,000-level bombs get past DATA. They used to overflow
 * mime4j's stack in LocalDelivery (James's Lucene indexer parsed them inside the delivery), which then never
 * returned, and the 3 s bound per mail moved them to the error repository. Since Facteur's own index (which parses in
 * the background and survives the overflow) they are delivered. Either way: every bomb is in the mailbox or in the
 * error repository (nothing is lost), ordinary mail to the same mailbox is delivered behind them with one spooler
 * thread, the mailbox stays searchable and /health's spooler part stays up. The bound itself is tested on a mail that
 * never finishes and on a stack overflow in {@code BoundedMailProcessorTest}.
 */
class SpoolTimeBoundIT {
    private static final String ALICE = MailServerExtension.ALICE;
    private static final int BOMBS = 3;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> {
        MailServerSettings s = TestMailServers.settings(dir);
        MailServerSettings.Limits l = TestMailServers.LIMITS;
        MailServerSettings.Limits wide = new MailServerSettings.Limits(l.maxMessageSize(), l.connectionLimit(),
                l.connectionLimitPerIp(), l.imapLiteralSizeLimit(), l.connectionLimitExempt(), l.maxRecipients(),
                l.defaultQuota(), new MimeLimits(1_000_000, 1_000_000, 10 * 1024 * 1024, 1_000_000), Duration.ofSeconds(3));
        return new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(), wide, s.outbound(),
                1, s.lists());
    });

    @Test
    void bombsAreDeliveredOrMovedAsideNeverLostAndLaterMailIsDelivered() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            for (int i = 0; i < BOMBS; i++) {
                assertThat(MimeBombIT.send(smtp, HostileMessages.deepMultipart("mallory@hostile.test", ALICE, 10_000)))
                        .as("accepted: the limits are opened wide here").startsWith("250");
            }
            assertThat(MimeBombIT.send(smtp, HostileMessages.ordinary("bob@elsewhere.test", ALICE, "After the bombs")))
                    .startsWith("250");
        }
        long begin = System.nanoTime();
        MailClient client = mail.client();
        await().atMost(Duration.ofSeconds(90)).until(() -> client.subjects(ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX")
                .contains("After the bombs"));
        System.out.printf("ordinary mail delivered %d ms after %d bombs with one spooler thread%n",
                (System.nanoTime() - begin) / 1_000_000, BOMBS);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.count(ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX") - 1 + errorRepositoryCount() == BOMBS);
        try (jakarta.mail.Store store = client.imap(ALICE, MailServerExtension.ALICE_PASSWORD)) {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            assertThat(inbox.search(new jakarta.mail.search.SubjectTerm("After the bombs"))).hasSize(1);
            assertThat(inbox.search(new jakarta.mail.search.BodyTerm("no such words anywhere"))).isEmpty();
            inbox.close(false);
        }
        assertThat(mail.server().readiness()).containsEntry("spooler", true);
    }

    private static long errorRepositoryCount() throws Exception {
        Path errors = mail.settings().dataDir().resolve("var/mail/error");
        if (!Files.isDirectory(errors)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(errors)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".FileObjectStore")).count();
        }
    }

}
