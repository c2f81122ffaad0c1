package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STATUS (and LIST's RETURN (STATUS …), RFC 5819) without an item, with an unknown one or without parentheses gets {@code BAD} with a sentence that says what
 * is wrong (RFC 3501's grammar wants at least one item; Dovecot answers {@code BAD … Empty status list}); James 3.8.1
 * answered {@code STATUS INBOX ()} with OK and an empty list, and the others with "Illegal arguments."
 */
class StatusItemsIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void aStatusWithoutItemsOrWithAnUnknownOneIsRefusedWithTheReason() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("STATUS INBOX ()")).doesNotContain("* STATUS")
                    .containsPattern("(?m)^c\\d+ BAD STATUS needs at least one item in its parentheses, "
                            + "like STATUS INBOX \\(MESSAGES UNSEEN UIDNEXT\\)");
            String items = "expects a mailbox name and, in parentheses, items among MESSAGES, UNSEEN, RECENT, UIDNEXT, "
                    + "UIDVALIDITY, HIGHESTMODSEQ, SIZE, DELETED, DELETED-STORAGE, APPENDLIMIT and MAILBOXID, like STATUS INBOX "
                    + "(MESSAGES UNSEEN UIDNEXT)";
            for (String wrong : new String[] {"(MESSAGES FOO)", "(SIZEX)", "(MOO)", "MESSAGES"}) {
                assertThat(imap.command("STATUS INBOX " + wrong)).as(wrong).contains(" BAD STATUS " + items);
            }
            assertThat(imap.command("STATUS INBOX (MESSAGES UNSEEN)")).contains("* STATUS \"INBOX\" (MESSAGES 0 UNSEEN 0)")
                    .containsPattern("(?m)^c\\d+ OK ");
        }
    }

    @Test
    void aListReturningStatusWithoutItemsIsRefusedToo() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("LIST \"\" * RETURN (STATUS ())")).doesNotContain("* LIST").doesNotContain("* STATUS")
                    .containsPattern("(?m)^c\\d+ BAD LIST RETURN \\(STATUS \\(\\)\\) needs at least one item in its "
                            + "parentheses, like LIST \"\" \\* RETURN \\(STATUS \\(MESSAGES UNSEEN\\)\\)");
            assertThat(imap.command("LIST \"\" INBOX RETURN (STATUS (MESSAGES))")).contains("* LIST")
                    .contains("* STATUS \"INBOX\" (MESSAGES 0)").containsPattern("(?m)^c\\d+ OK ");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK ");
        }
    }
}
