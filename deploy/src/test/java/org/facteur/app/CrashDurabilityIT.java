package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.BodyTerm;

import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the Facteur JVM in the middle of a burst of 500 messages: after a restart, every
 * message that was acknowledged with 250 is in the mailbox (each one checked by its subject).
 */
class CrashDurabilityIT {
    static final int BURST = 500;
    static final int CONNECTIONS = 4;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedMessageSurvivesKillMinus9() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        FacteurProcess first = new FacteurProcess(data, Map.of()).start();
        int smtpPort = first.smtp;
        Map<String, String> samePorts = Map.of(
                "FACTEUR_SMTP_PORT", Integer.toString(first.smtp),
                "FACTEUR_SUBMISSION_PORT", Integer.toString(first.submission),
                "FACTEUR_SMTPS_PORT", Integer.toString(first.smtps),
                "FACTEUR_IMAP_PORT", Integer.toString(first.imap),
                "FACTEUR_IMAPS_PORT", Integer.toString(first.imaps),
                "FACTEUR_HTTP_PORT", Integer.toString(first.http));
        try {
            assertThat(first.admin("domain", "add", "example.org").exitCode()).isZero();
            assertThat(first.admin("user", "add", "bob@example.org", "--password", "An0ther-pass").exitCode()).isZero();

            ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
            for (int c = 0; c < CONNECTIONS; c++) {
                senders.submit(() -> sendUntilFailure(smtpPort, next, acknowledged));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < BURST / 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.kill9();
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.close();
        }
        int acked = acknowledged.size();
        System.out.printf("[crash] %d messages acknowledged with 250 before kill -9 (of %d attempted)%n", acked, next.get());
        assertThat(acked).isGreaterThanOrEqualTo(BURST / 2).isLessThan(BURST);

        try (FacteurProcess second = new FacteurProcess(data, samePorts).start()) {
            MailClient client = new MailClient(second.ports());
            List<String> subjects = waitForStableInbox(client, acked);
            Set<String> present = new HashSet<>(subjects);
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(present);
            System.out.printf("[crash] after restart: %d messages in INBOX, %d distinct, %d acknowledged missing%n",
                    subjects.size(), present.size(), missing.size());
            assertThat(missing).as("acknowledged but lost").isEmpty();
            try (Store store = client.imap("bob@example.org", "An0ther-pass")) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<String> unsearchable = new ArrayList<>();
                for (String subject : acknowledged) {
                    Message[] hits = inbox.search(new BodyTerm(marker(subject)));
                    if (hits.length == 0) {
                        unsearchable.add(subject);
                    }
                }
                System.out.printf("[crash] %d acknowledged messages not found by SEARCH BODY%n", unsearchable.size());
                assertThat(unsearchable).as("acknowledged messages that SEARCH BODY cannot find").isEmpty();
                inbox.close(false);
            }
        }
    }

    private static void sendUntilFailure(int port, AtomicInteger next, Set<String> acknowledged) {
        try (SmtpDialogue smtp = new SmtpDialogue(port)) {
            smtp.greetAndEhlo();
            int n;
            while ((n = next.getAndIncrement()) < BURST) {
                String subject = "burst-" + n;
                if (!smtp.command("MAIL FROM:<load@remote.test>").startsWith("250")
                        || !smtp.command("RCPT TO:<bob@example.org>").startsWith("250")
                        || !smtp.command("DATA").startsWith("354")) {
                    return;
                }
                smtp.send("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@remote.test>\r\n\r\n"
                        + marker(subject) + " " + "x".repeat(800) + "\r\n.\r\n");
                if (smtp.reply().startsWith("250")) {
                    acknowledged.add(subject);
                }
            }
        } catch (Exception e) {
            // the server was killed: stop sending
        }
    }

    /** A word unique to one message, so SEARCH BODY can find exactly it. */
    private static String marker(String subject) {
        return "payload" + subject.substring("burst-".length()) + "end";
    }

    private static List<String> waitForStableInbox(MailClient client, int atLeast) throws Exception {
        List<String> last = List.of();
        int stableRounds = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            List<String> now = new ArrayList<>(client.subjects("bob@example.org", "An0ther-pass", "INBOX"));
            stableRounds = now.size() == last.size() && now.size() >= atLeast ? stableRounds + 1 : 0;
            last = now;
            if (stableRounds >= 3) {
                return last;
            }
            Thread.sleep(1000);
        }
        return last;
    }


}
