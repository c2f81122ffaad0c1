package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code EXISTS} a SELECT or EXAMINE answers is the number of messages the session can name by sequence number
 * (RFC 3501 §7.3.1, RFC 9051 §7.4.1), even while mail arrives. James 3.8.1 counted the store's messages after it had
 * listed the session's UIDs, so a message delivered in between was counted but not yet in the session's view, and
 * Jakarta Mail's next {@code FETCH n} got {@code BAD Invalid messageset} (seen once in CI, in the encryption test).
 */
class SelectWhileDeliveringIT {
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    private static final int DELIVERED = 300;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void everyMessageCountedBySelectOrExamineCanBeFetchedAtOnce() throws Exception {
        try (ImapDialogue reader = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
             ImapDialogue writer = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(reader.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(writer.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(writer.command("CREATE Busy")).contains(" OK");

            CompletableFuture<Void> delivering = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < DELIVERED; i++) {
                        byte[] message = ("From: bob@example.net\r\nSubject: arrival " + i + "\r\n\r\nHi\r\n")
                                .getBytes(StandardCharsets.US_ASCII);
                        assertThat(writer.append("Busy", "", message)).contains(" OK");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int selections = 0;
            while (!delivering.isDone()) {
                String command = selections % 2 == 0 ? "SELECT Busy" : "EXAMINE Busy";
                String selected = reader.command(command);
                assertThat(selected).as(command).contains(" OK");
                Matcher exists = EXISTS.matcher(selected);
                assertThat(exists.find()).as(selected).isTrue();
                int count = Integer.parseInt(exists.group(1));
                if (count > 0) {
                    String fetched = reader.command("FETCH " + count + " (UID FLAGS)");
                    assertThat(fetched).as("after %s answered %d EXISTS", command, count)
                            .contains("* " + count + " FETCH").containsPattern("(?m)^\\S+ OK");
                }
                selections++;
            }
            delivering.get(1, TimeUnit.MINUTES);
            assertThat(selections).as("SELECT/EXAMINE raced the deliveries").isGreaterThan(10);
            assertThat(reader.command("SELECT Busy")).contains("* " + DELIVERED + " EXISTS");
            assertThat(reader.command("FETCH " + DELIVERED + " (UID)")).contains("* " + DELIVERED + " FETCH (UID " + DELIVERED + ")");
        }
    }
}
