package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LIST with several patterns (RFC 5258 §3, announced through LIST-EXTENDED): every mailbox matching any pattern, each
 * once, then OK (#15.11). James 3.8.1 answered {@code BAD LIST failed. Illegal arguments.}
 */
class ListPatternsIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static long count(String reply, String line) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line) + "$").matcher(reply);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void severalPatternsListEachMatchingMailboxOnce() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Projets.2026")).contains(" OK");

            String reply = imap.command("LIST \"\" (INBOX \"Proj*\" Projets* Sent)");
            assertThat(reply).containsPattern("(?m)^c\\d+ OK LIST completed");
            assertThat(count(reply, "* LIST (\\HasChildren \\Subscribed) \".\" \"Projets\"")
                    + count(reply, "* LIST (\\HasChildren) \".\" \"Projets\"")).isEqualTo(1);
            assertThat(reply).contains("\"Projets.2026\"", "\"INBOX\"", "\"Sent\"").doesNotContain("\"Drafts\"");
            assertThat(reply.lines().filter(l -> l.startsWith("* LIST")).count()).isEqualTo(4);

            String withStatus = imap.command("LIST \"\" (INBOX INBOX) RETURN (STATUS (MESSAGES))");
            assertThat(withStatus.lines().filter(l -> l.startsWith("* LIST")).count()).isEqualTo(1);
            assertThat(withStatus.lines().filter(l -> l.startsWith("* STATUS")).count()).isEqualTo(1);
            assertThat(withStatus).containsPattern("(?m)^c\\d+ OK");

            assertThat(imap.command("LIST \"\" ()")).containsPattern("(?m)^c\\d+ BAD");
            assertThat(imap.command("LIST (RECURSIVEMATCH) \"\" \"*\"")).containsPattern("(?m)^c\\d+ BAD ")
                    .doesNotContain("* LIST");
            assertThat(imap.command("LIST (RECURSIVEMATCH REMOTE) \"\" \"\"")).containsPattern("(?m)^c\\d+ BAD ");
            assertThat(imap.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"*\"")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(imap.command("LIST \"\" \"*\"")).contains("\"Drafts\"").containsPattern("(?m)^c\\d+ OK");
        }
    }
}
