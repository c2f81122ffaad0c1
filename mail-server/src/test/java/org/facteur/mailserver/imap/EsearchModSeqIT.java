package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ESEARCH with a MODSEQ search key (RFC 7162 §3.1.5, imaptest's esearch-condstore): when only MIN and/or MAX are
 * returned, MODSEQ is the highest mod-sequence of those messages; otherwise that of every match.
 */
class EsearchModSeqIT {
    private static final Pattern FETCHED_MODSEQ = Pattern.compile("\\* (\\d+) FETCH \\(.*MODSEQ \\((\\d+)\\)");

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void modSeqOfMinAndMaxComesFromTheReturnedMessages() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Modseq")).contains(" OK");
            for (int i = 1; i <= 4; i++) {
                byte[] message = ("From: bob@example.net\r\nSubject: m" + i + "\r\n\r\nHi\r\n").getBytes(StandardCharsets.US_ASCII);
                assertThat(imap.append("Modseq", "", message)).contains(" OK");
            }
            assertThat(imap.command("ENABLE CONDSTORE")).contains(" OK");
            assertThat(imap.command("SELECT Modseq")).contains("* 4 EXISTS");
            Map<Integer, String> modSeq = new HashMap<>();
            for (int msn : new int[] {1, 3, 2, 4}) { // stored out of order, so that 2 ends with the highest of 1:3
                Matcher stored = FETCHED_MODSEQ.matcher(imap.command("STORE " + msn + " +FLAGS (\\Seen)"));
                assertThat(stored.find()).isTrue();
                modSeq.put(Integer.parseInt(stored.group(1)), stored.group(2));
            }
            String key = " MODSEQ \"/flags/\\\\seen\" all 1";
            assertThat(imap.command("SEARCH RETURN (MIN) 1:3" + key)).contains("MIN 1 MODSEQ " + modSeq.get(1) + "\n");
            assertThat(imap.command("SEARCH RETURN (MAX) 1:3" + key)).contains("MAX 3 MODSEQ " + modSeq.get(3) + "\n");
            assertThat(imap.command("SEARCH RETURN () 1:3" + key)).contains("ALL 1:3 MODSEQ " + modSeq.get(2) + "\n");
            assertThat(imap.command("SEARCH RETURN (MIN MAX) 3:4" + key))
                    .contains("MIN 3 MAX 4 MODSEQ " + modSeq.get(4) + "\n");
            assertThat(imap.command("SEARCH RETURN (MIN MAX) 1:3" + key))
                    .contains("MIN 1 MAX 3 MODSEQ " + modSeq.get(3) + "\n");
            assertThat(imap.command("UID SEARCH RETURN (MIN) 1:3" + key)).containsPattern("UID MIN \\d+ MODSEQ " + modSeq.get(1) + "\n");
            assertThat(imap.command("SEARCH RETURN (MIN COUNT) 1:3" + key)).contains("MODSEQ " + modSeq.get(2) + "\n");
            assertThat(imap.command("SEARCH RETURN (MIN) 1:3 KEYWORD $none" + key)).doesNotContain("MODSEQ").containsPattern("(?m)^c\\d+ OK");
        }
    }
}
