package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Store;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RawAppend;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The list grouped by conversation through the real stack: a small discussion APPENDed to the real embedded
 * server, threaded by its {@code UID THREAD REFERENCES}; the setting turned on in the Settings form groups the
 * INBOX and another folder (newest conversation first, with counts), opens a conversation on its messages, keeps
 * search results one per message; turned off, the plain list is back.
 */
class ConversationListIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String ALICE = MailServerExtension.ALICE;
    static final Pattern ROW = Pattern.compile("<li class=\"(seen|unseen)\">(.*?)</li>", Pattern.DOTALL);
    static RunningWebmail webmail;
    static Browser alice;
    static final long[] uids = new long[7];

    private static byte[] message(String from, String id, String date, String subject, String headers) {
        return ("From: " + from + "\r\nTo: " + ALICE + "\r\nDate: " + date + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@example.net>\r\n" + headers + "\r\nBody of " + id + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void setUp() throws Exception {
        try (Store store = RawAppend.store(mail.client(), ALICE, MailServerExtension.ALICE_PASSWORD)) {
            // arrival order = UID order: Plan (1), Lunch (2), Alice's reply to Plan (3), Élise's reply to it (4),
            // a message on its own (5), Bob's reply to Lunch (6)
            uids[1] = RawAppend.append(store, "INBOX", message("Bob Martin <bob@example.org>", "plan",
                    "Mon, 02 Mar 2026 09:00:00 +0000", "Plan du déménagement", ""));
            uids[2] = RawAppend.append(store, "INBOX", message("Carol <carol@example.org>", "lunch",
                    "Mon, 02 Mar 2026 10:00:00 +0000", "Lunch", ""));
            uids[3] = RawAppend.append(store, "INBOX", message("Alice <" + ALICE + ">", "r1",
                    "Mon, 02 Mar 2026 11:00:00 +0000", "Re: Plan du déménagement",
                    "In-Reply-To: <plan@example.net>\r\nReferences: <plan@example.net>\r\n"));
            uids[4] = RawAppend.append(store, "INBOX", message("\"Durand, Élise\" <elise@example.org>", "r2",
                    "Mon, 02 Mar 2026 12:00:00 +0000", "Re: Re: Plan du déménagement",
                    "In-Reply-To: <r1@example.net>\r\nReferences: <plan@example.net> <r1@example.net>\r\n"));
            uids[5] = RawAppend.append(store, "INBOX", message("Eve <eve@example.org>", "solo",
                    "Tue, 03 Mar 2026 09:00:00 +0000", "Seul", ""));
            uids[6] = RawAppend.append(store, "INBOX", message("Bob Martin <bob@example.org>", "r3",
                    "Wed, 04 Mar 2026 09:00:00 +0000", "Re: Lunch", "In-Reply-To: <lunch@example.net>\r\n"));
            RawAppend.append(store, "Archive", message("Bob Martin <bob@example.org>", "old",
                    "Sun, 01 Feb 2026 09:00:00 +0000", "Old news", ""));
            RawAppend.append(store, "Archive", message("Carol <carol@example.org>", "old-re",
                    "Sun, 01 Feb 2026 10:00:00 +0000", "Re: Old news", "References: <old@example.net>\r\n"));
        }
        assertThat(uids[6]).isEqualTo(uids[1] + 5);
        webmail = RunningWebmail.start(mail.settings().ports());
        alice = webmail.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        if (webmail != null) {
            webmail.close();
        }
    }

    /** The rows of the list on the page: their text without tags, blanks folded. */
    private static List<String> rows(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            out.add(m.group(0).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    private static void group(boolean on) throws Exception {
        HttpResponse<String> saved = alice.postMultipart("/settings/list", on ? Map.of("conversations", "true") : Map.of(),
                alice.get("/settings").body());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains(on ? "Messages are now grouped by conversation." : "Messages are now listed one by one.");
    }

    @Test
    void groupedTheInboxIsOneRowPerConversationNewestFirstAndOffItIsThePlainListAgain() throws Exception {
        group(true);
        try {
            String page = alice.get("/mail?folder=INBOX").body();
            assertThat(page).contains("<ul class=\"messages conversations\">");
            List<String> rows = rows(page);
            // Lunch got the last reply (6), then the message on its own (5), then Plan (its last reply is 4)
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).startsWith("Carol, Bob Martin 2 Lunch ").contains("2026-03-04");
            assertThat(rows.get(1)).startsWith("Eve Seul ");
            assertThat(rows.get(2)).startsWith("Bob Martin, me, Durand, Élise 3 Plan du déménagement ").contains("2026-03-02");
            assertThat(page).contains("aria-label=\"3 messages\"", "aria-label=\"2 messages\"")
                    .doesNotContain("aria-label=\"1 messages\"");
            // the checkbox of a conversation selects all its messages; a message on its own opens directly
            assertThat(page).contains("value=\"" + uids[1] + "," + uids[3] + "," + uids[4] + "\"",
                    "value=\"" + uids[2] + "," + uids[6] + "\"",
                    "href=\"/mail/message?folder=INBOX&amp;uid=" + uids[5] + "\"",
                    "href=\"/mail/conversation?folder=INBOX&amp;uid=" + uids[4] + "\"");
            assertThat(page).contains("<li class=\"unseen\">").doesNotContain("<li class=\"seen\">");

            // a conversation opens on its messages, in thread order, each leading to the message page
            String plan = alice.get("/mail/conversation?folder=INBOX&uid=" + uids[3]).body();
            assertThat(plan).contains("<h1>Plan du déménagement</h1>");
            List<String> lines = new ArrayList<>();
            Matcher line = Pattern.compile("<li class=\"(?:seen|unseen) depth-(\\d)\">.*?uid=(\\d+)\"", Pattern.DOTALL).matcher(plan);
            while (line.find()) {
                lines.add(line.group(2) + "@" + line.group(1));
            }
            assertThat(lines).containsExactly(uids[1] + "@0", uids[3] + "@1", uids[4] + "@2");

            // read one message: the conversation stays unread while another is unread, reads when all are
            assertThat(alice.get("/mail/message?folder=INBOX&uid=" + uids[2]).statusCode()).isEqualTo(200);
            assertThat(rows(alice.get("/mail?folder=INBOX").body()).get(0)).contains("Lunch");
            assertThat(alice.get("/mail?folder=INBOX").body()).doesNotContain("<li class=\"seen\">");
            assertThat(alice.get("/mail/message?folder=INBOX&uid=" + uids[6]).statusCode()).isEqualTo(200);
            assertThat(alice.get("/mail?folder=INBOX").body()).containsOnlyOnce("<li class=\"seen\">");

            // search results stay one line per message
            List<String> found = rows(alice.get("/mail?folder=INBOX&q=" + Browser.enc("Plan") + "&field=subject").body());
            assertThat(found).hasSize(3);

            // another folder is grouped within itself
            List<String> archive = rows(alice.get("/mail?folder=Archive").body());
            assertThat(archive).hasSize(1);
            assertThat(archive.get(0)).startsWith("Bob Martin, Carol 2 Old news ");
        } finally {
            group(false);
        }
        String plain = alice.get("/mail?folder=INBOX").body();
        assertThat(plain).doesNotContain("conversations\"");
        assertThat(rows(plain)).hasSize(6);
        assertThat(rows(plain).get(0)).startsWith("Bob Martin &lt;bob@example.org&gt; Re: Lunch");
    }

    @Test
    void theSettingIsOffByDefault() throws Exception {
        mail.server().admin().addUser("dave@example.org", "D4ve-pass-word");
        Browser dave = webmail.browser().logIn("dave@example.org", "D4ve-pass-word");
        assertThat(dave.get("/settings").body()).contains("id=\"conversations\" name=\"conversations\" type=\"checkbox\" value=\"true\">");
        assertThat(dave.get("/mail").body()).doesNotContain("conversations\"");
    }
}
