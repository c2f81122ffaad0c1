package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Store;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RawAppend;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One message with unparseable headers must not take a page down (issue #16, item 6: a From of
 * {@code <a:b@evil.test>} made the INBOX answer 502 until the message was removed). The corpus of
 * {@link HostileHeaders} is APPENDed byte for byte to a real mailbox of the real embedded server; the webmail
 * runs as a web application and every page is asked for over HTTP: the folder list, each message, its body
 * frame, its conversation (all of them share one thread), reply, reply all, forward, and search results.
 */
class HostileHeadersIT {
    /** The server's MIME limits (#16.3) would refuse these messages: the webmail's own bounds must hold without them. */
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(org.facteur.mailserver.TestMailServers::withoutMimeLimits);
    static final String CAROL = "carol@example.org";
    static final String CAROL_PASSWORD = "Car0l-pass";

    static final Map<String, Long> uids = new LinkedHashMap<>();
    static RunningWebmail webmail;
    static Browser carol;

    @BeforeAll
    static void setUp() throws Exception {
        mail.server().admin().addUser(CAROL, CAROL_PASSWORD);
        try (Store store = RawAppend.store(mail.client(), CAROL, CAROL_PASSWORD)) {
            for (HostileHeaders.Case c : HostileHeaders.all()) {
                long uid;
                try {
                    uid = RawAppend.append(store, "INBOX", c.raw());
                } catch (jakarta.mail.MessagingException e) {
                    throw new AssertionError("the server did not store " + c, e);
                }
                assertThat(uid).as("the server stores %s", c).isPositive();
                uids.put(c.marker(), uid);
            }
        }
        webmail = RunningWebmail.start(mail.settings().ports());
        carol = webmail.browser().logIn(CAROL, CAROL_PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        if (webmail != null) {
            webmail.close();
        }
    }

    static List<HostileHeaders.Case> cases() {
        return HostileHeaders.all();
    }

    @Test
    void theInboxListsEveryMessage() throws Exception {
        HttpResponse<String> inbox = carol.get("/mail");
        assertThat(inbox.statusCode()).isEqualTo(200);
        for (HostileHeaders.Case c : cases()) {
            assertThat(inbox.body()).as("the list shows %s", c).contains("uid=" + uids.get(c.marker()) + "\"");
            assertThat(inbox.body()).as("the list shows %s", c).contains(c.marker());
        }
        // raw 8-bit headers keep their letters (James's ENVELOPE turns them into "?")
        assertThat(inbox.body()).contains("Réunion à 19 h", "café", "Amélie Ça", "André");
    }

    /** Grouped by conversation: the server threads the corpus (20,000 In-Reply-To ids, broken dates…), every message is on a line. */
    @Test
    void theInboxGroupedByConversationHoldsEveryMessage() throws Exception {
        String settings = carol.get("/settings").body();
        assertThat(carol.postMultipart("/settings/list", Map.of("conversations", "true"), settings).statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> inbox = carol.get("/mail");
            assertThat(inbox.statusCode()).isEqualTo(200);
            assertThat(inbox.body()).contains("<ul class=\"messages conversations\">");
            java.util.Set<Long> listed = new java.util.HashSet<>();
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("name=\"uid\" value=\"([0-9,]+)\"").matcher(inbox.body());
            List<Long> opened = new java.util.ArrayList<>();
            while (value.find()) {
                String[] members = value.group(1).split(",");
                for (String uid : members) {
                    assertThat(listed.add(Long.parseLong(uid))).as("message %s is on one line only", uid).isTrue();
                }
                if (members.length > 1) {
                    opened.add(Long.parseLong(members[0]));
                }
            }
            assertThat(listed).containsExactlyInAnyOrderElementsOf(uids.values());
            assertThat(opened).as("the corpus shares one References root").isNotEmpty();
            for (long uid : opened) {
                HttpResponse<String> conversation = carol.get("/mail/conversation?folder=INBOX&uid=" + uid);
                assertThat(conversation.statusCode()).as("conversation of %s", uid).isEqualTo(200);
                assertThat(conversation.body()).contains("uid=" + uid + "\"");
            }
        } finally {
            carol.postMultipart("/settings/list", Map.of(), carol.get("/settings").body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPageOfTheMessageAnswers(HostileHeaders.Case c) throws Exception {
        long uid = uids.get(c.marker());
        HttpResponse<String> page = carol.get("/mail/message?folder=INBOX&uid=" + uid);
        assertThat(page.statusCode()).as("message page").isEqualTo(200);
        assertThat(page.body()).contains(c.marker());
        if (c.shown() != null) {
            assertThat(page.body()).contains(c.shown());
        }
        assertThat(page.body()).as("its body").contains("body of " + c.marker());
        assertThat(page.body()).as("its conversation").contains("class=\"conversation\"");

        assertThat(carol.get("/mail/body?folder=INBOX&uid=" + uid).statusCode()).as("body frame").isEqualTo(200);
        for (String mode : List.of("reply", "all", "forward")) {
            HttpResponse<String> compose = carol.get("/compose?mode=" + mode + "&folder=INBOX&uid=" + uid);
            assertThat(compose.statusCode()).as(mode).isEqualTo(200);
            assertThat(compose.body()).as(mode).contains(c.marker(), "body of " + c.marker());
        }
        HttpResponse<String> found = carol.get("/mail?folder=INBOX&field=subject&q=" + c.marker());
        assertThat(found.statusCode()).as("search").isEqualTo(200);
        if (c.searchable()) {
            assertThat(found.body()).as("search").contains("uid=" + uid + "\"");
        }
    }
}
