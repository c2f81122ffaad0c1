package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client in IDLE is told of flags another session changes (RFC 2177, RFC 3501 §7.4.2), as Thunderbird expects when
 * a message read on the phone should show as read on the desktop. IDLE pushed nothing but FLAGS here: its listener
 * could run before the session's view of the mailbox had the change (#15.13).
 */
class IdleFlagUpdatesIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void flagChangesOfAnotherSessionReachAClientInIdle() throws Exception {
        try (ImapDialogue writer = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
             ImapDialogue idler = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            assertThat(writer.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(idler.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(writer.command("CREATE Watched")).contains(" OK");
            byte[] message = "From: bob@example.net\r\nSubject: watch me\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(writer.append("Watched", "", message)).contains(" OK");
            assertThat(writer.command("SELECT Watched")).contains("* 1 EXISTS");
            assertThat(idler.command("SELECT Watched")).contains("* 1 EXISTS");

            idler.write("i1 IDLE\r\n");
            assertThat(idler.readUntil("+")).contains("+");
            for (int i = 0; i < 10; i++) {
                String keyword = "$seen-elsewhere-" + i;
                assertThat(writer.command("STORE 1 +FLAGS (\\Seen " + keyword + ")")).contains(" OK");
                String pushed = idler.readUntil("* 1 FETCH");
                assertThat(pushed).as("round " + i).contains(keyword).containsPattern("\\* 1 FETCH \\(FLAGS \\(.*\\\\Seen");
                assertThat(pushed.indexOf("* FLAGS (")).as("round " + i + ": FLAGS lists the keyword first")
                        .isNotNegative().isLessThan(pushed.indexOf("* 1 FETCH"));
                assertThat(writer.command("STORE 1 -FLAGS (\\Seen)")).contains(" OK");
                assertThat(idler.readUntil("* 1 FETCH")).as("round " + i + ": removal").doesNotContain("\\Seen");
            }
            idler.write("DONE\r\n");
            assertThat(idler.readUntil("i1 ")).contains("i1 OK");
        }
    }
}
