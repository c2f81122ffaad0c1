package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An APPEND whose line ends with a bare line feed after its literal is answered at once, as Dovecot answers it and as
 * any other command ending in a bare line feed already was. Facteur waited for a second byte after the literal (the
 * CR LF it counted on), so the APPEND was answered only when the client sent its next command: a client waiting for
 * the OK, like James's own IMAP scripts, hung.
 */
class BareLineFeedAppendIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void anAppendEndingInABareLineFeedIsAnsweredWithoutAnotherByte() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Lf")).containsPattern("(?m)^c\\d+ OK");

            String plus = imap.nextTag();
            imap.write(plus + " APPEND Lf {7+}\r\nSalut\r\n\n");
            assertThat(imap.readUntil(plus + " ")).containsPattern("(?m)^" + plus + " OK \\[APPENDUID \\d+ 1]");

            String synchronizing = imap.nextTag();
            imap.write(synchronizing + " APPEND Lf {5}\r\n");
            assertThat(imap.readUntil("+")).startsWith("+");
            imap.write("Hello\n");
            assertThat(imap.readUntil(synchronizing + " ")).containsPattern("(?m)^" + synchronizing + " OK \\[APPENDUID \\d+ 2]");

            String several = imap.nextTag();
            imap.write(several + " APPEND Lf {5+}\r\nfirst (\\Seen) {6+}\r\nsecond\n");
            assertThat(imap.readUntil(several + " ")).containsPattern("(?m)^" + several + " OK \\[APPENDUID \\d+ 3:4]");

            assertThat(imap.command("SELECT Lf")).contains("* 4 EXISTS");
            assertThat(imap.commandKeepingLiterals("FETCH 1:4 (FLAGS BODY.PEEK[])"))
                    .contains("1 FETCH (FLAGS (\\Recent) BODY[] {7}\nSalut\r\n)", "2 FETCH (FLAGS (\\Recent) BODY[] {5}\nHello)",
                            "3 FETCH (FLAGS (\\Recent) BODY[] {5}\nfirst)",
                            "4 FETCH (FLAGS (\\Recent \\Seen) BODY[] {6}\nsecond)");
        }
    }
}
