package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A level of the hierarchy that has mailboxes under it but no mailbox of its own, left by DELETE of a parent or made by
 * RENAME to a new level, is listed with {@code \Noselect} (RFC 3501 §6.3.8) or {@code \NonExistent} (RFC 5258 §3)
 * when a pattern without {@code *} matches it, as Dovecot lists it. James 3.8.1 left it out, so {@code LIST "" %} hid
 * the mailboxes under it.
 */
class AbsentParentsIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static long lines(String reply, String prefix) {
        return reply.lines().filter(line -> line.startsWith(prefix)).count();
    }

    @Test
    void aDeletedParentIsListedWithoutBeingSelectable() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("CREATE Club.Comptes")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("DELETE Club")).containsPattern("(?m)^c\\d+ OK");

            String top = imap.command("LIST \"\" %");
            assertThat(top).contains("* LIST (\\Noselect \\HasChildren) \".\" \"Club\"").containsPattern("(?m)^c\\d+ OK LIST")
                    .doesNotContain("Club.Comptes");
            String below = imap.command("LIST \"\" Club.%");
            assertThat(below).contains("\"Club.Comptes\"");
            assertThat(lines(below, "* LIST")).isEqualTo(1);
            assertThat(imap.command("LIST \"\" (Club %)").lines().filter(line -> line.endsWith(" \"Club\"")).count())
                    .isEqualTo(1);
            assertThat(imap.command("LIST \"\" *")).contains("\"Club.Comptes\"").doesNotContain("\\Noselect");
            assertThat(imap.command("LIST \"\" Club")).contains("* LIST (\\Noselect \\HasChildren) \".\" \"Club\"");
            assertThat(imap.command("LIST \"\" Inbox")).doesNotContain("Club");
            assertThat(imap.command("SELECT Club")).containsPattern("(?m)^c\\d+ NO ");

            assertThat(imap.command("CREATE Club")).containsPattern("(?m)^c\\d+ OK");
            String again = imap.command("LIST \"\" Club");
            assertThat(again).contains("\"Club\"").doesNotContain("\\Noselect");
            assertThat(lines(again, "* LIST")).isEqualTo(1);
        }
    }

    @Test
    void aRenameToANewLevelListsEveryLevelAboveIt() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("CREATE Vieux")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("RENAME Vieux Archives2025.Trimestre.Mars")).containsPattern("(?m)^c\\d+ OK");

            String levels = imap.command("LIST \"\" Archives2025.%.%");
            assertThat(levels).contains("* LIST (\\HasNoChildren) \".\" \"Archives2025.Trimestre.Mars\"");
            assertThat(lines(levels, "* LIST")).isEqualTo(1);
            assertThat(imap.command("LIST \"\" %2025.%")).contains(
                    "* LIST (\\Noselect \\HasChildren) \".\" \"Archives2025.Trimestre\"");
            assertThat(imap.command("LIST \"\" Archives2025")).contains(
                    "* LIST (\\Noselect \\HasChildren) \".\" \"Archives2025\"");
            String all = imap.command("LIST \"\" Archives2025*");
            assertThat(all).contains("* LIST (\\HasNoChildren) \".\" \"Archives2025.Trimestre.Mars\"");
            assertThat(lines(all, "* LIST")).isEqualTo(1);
            assertThat(imap.command("LIST Archives2025. %")).contains("\"Archives2025.Trimestre\"")
                    .doesNotContain("\"Archives2025\"").doesNotContain("Mars");
            assertThat(lines(imap.command("LIST \"\" (Archives2025 Archives%)"), "* LIST")).isEqualTo(1);
        }
    }

    @Test
    void anExtendedListSaysNonExistentAndSendsNoStatusForIt() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("CREATE Ecole.Parents")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("DELETE Ecole")).containsPattern("(?m)^c\\d+ OK");

            assertThat(imap.command("LIST \"\" Ecole RETURN (CHILDREN)"))
                    .contains("* LIST (\\HasChildren \\NonExistent) \".\" \"Ecole\"");
            String withStatus = imap.command("LIST \"\" (Ecole Ecole.%) RETURN (STATUS (MESSAGES))");
            assertThat(withStatus).contains("\\NonExistent) \".\" \"Ecole\"", "* STATUS \"Ecole.Parents\" (MESSAGES 0)")
                    .containsPattern("(?m)^c\\d+ OK LIST").doesNotContain("* STATUS \"Ecole\"").doesNotContain("* NO");
            assertThat(imap.command("LIST (SPECIAL-USE) \"\" *")).doesNotContain("\"Ecole\"");
            assertThat(imap.command("LIST \"\" Ecole RETURN (SUBSCRIBED)")).doesNotContain("\\Subscribed");
        }
    }

    @Test
    void aSubscribedChildShowsItsAbsentParentOnlyWithRecursiveMatch() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("CREATE Sport.Velo")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("SUBSCRIBE Sport.Velo")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("DELETE Sport")).containsPattern("(?m)^c\\d+ OK");

            assertThat(imap.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"))
                    .contains("* LIST (\\NonExistent) \".\" \"Sport\" (\"CHILDINFO\" (\"SUBSCRIBED\"))")
                    .containsPattern("(?m)^c\\d+ OK LIST");
            assertThat(imap.command("LIST (SUBSCRIBED) \"\" %")).doesNotContain("\"Sport\"");
            assertThat(imap.command("LSUB \"\" %")).contains("* LSUB (\\Noselect) \".\" \"Sport\"");
        }
    }
}
