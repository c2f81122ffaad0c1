package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RawAppend;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message built to make a reader walk many parts costs a bounded amount of work (issue #16, item 6: a
 * 1.1 MB message of 10,000 parts kept a core busy for about 3 minutes per view, and forwarding it took over a
 * minute). Through the real stack: the messages are APPENDed to the real embedded server, the webmail runs as
 * a web application, pages are asked for over HTTP, and the webmail's IMAP dialogue is counted.
 */
class ManyPartsIT {
    /** The server's MIME limits (#16.3) would refuse these messages: the webmail's own bounds must hold without them. */
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(org.facteur.mailserver.TestMailServers::withoutMimeLimits);
    static final String DAN = "dan@example.org";
    static final String DAN_PASSWORD = "D4n-passw0rd";
    /** FETCH commands one message page may send: the message's header, structure, text, part names, flags, its conversation. */
    static final int FETCHES_PER_VIEW = 20;
    /** Attachments listed: {@link MessageParts#MAX_PARTS} parts walked, less the multipart and the text body. */
    static final int LISTED = MessageParts.MAX_PARTS - 2;

    static RunningWebmail webmail;
    static Browser dan;
    static long attachments;
    static long inlineTexts;
    static long nested;

    @BeforeAll
    static void setUp() throws Exception {
        mail.server().admin().addUser(DAN, DAN_PASSWORD);
        try (Store store = RawAppend.store(mail.client(), DAN, DAN_PASSWORD)) {
            byte[] big = ManyParts.flat("many-attachments", 10_000, false);
            assertThat(big.length).isGreaterThan(1_000_000);
            attachments = RawAppend.append(store, "INBOX", big);
            inlineTexts = RawAppend.append(store, "INBOX", ManyParts.flat("many-texts", 10_000, true));
            nested = RawAppend.append(store, "INBOX", ManyParts.nested("deep-nesting", 60));
        }
        webmail = RunningWebmail.start(mail.settings().ports());
        dan = webmail.browser().logIn(DAN, DAN_PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        if (webmail != null) {
            webmail.close();
        }
    }

    @Test
    void tenThousandAttachmentsAreListedUpToTheBoundWithASentence() throws Exception {
        HttpResponse<String> list = dan.get("/mail");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("many-attachments", "many-texts", "deep-nesting");

        webmail.imapTrace().reset();
        HttpResponse<String> page = dan.get("/mail/message?folder=INBOX&uid=" + attachments);
        int fetches = webmail.imapTrace().fetches();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("first words of many-attachments");
        assertThat(count(page.body(), "href=\"/mail/attachment?")).isEqualTo(LISTED);
        assertThat(page.body()).contains("Only the first " + LISTED + " of the 9,999 attachments of this message are listed");
        // James's BODYSTRUCTURE says "f?2.bin": the real names come from the parts' headers, in one FETCH
        assertThat(page.body()).contains(">fé2.bin<", ">fé" + (LISTED + 1) + ".bin<").doesNotContain("f?2.bin");
        assertThat(fetches).as("FETCH commands for one view").isLessThanOrEqualTo(FETCHES_PER_VIEW);

        HttpResponse<String> french = dan.get("/mail/message?folder=INBOX&uid=" + attachments, "fr");
        assertThat(french.body()).containsPattern("Seules les " + LISTED + " premières des 9.999 pièces jointes de ce message");

        assertThat(dan.get("/mail/attachment?folder=INBOX&uid=" + attachments + "&part=" + LISTED).statusCode()).isEqualTo(200);
        assertThat(dan.get("/mail/attachment?folder=INBOX&uid=" + attachments + "&part=" + (LISTED + 1)).statusCode())
                .as("a part beyond the bound is not served").isEqualTo(404);
    }

    @Test
    void forwardingCarriesTheSameBoundedAttachments() throws Exception {
        webmail.imapTrace().reset();
        HttpResponse<String> compose = dan.get("/compose?mode=forward&folder=INBOX&uid=" + attachments);
        assertThat(compose.statusCode()).isEqualTo(200);
        assertThat(webmail.imapTrace().fetches()).isLessThanOrEqualTo(FETCHES_PER_VIEW);
        assertThat(compose.body()).contains("Only these " + LISTED + " of the 9,999 attachments of the original go along");

        HttpResponse<String> sent = dan.postMultipart("/compose", Map.of("to", DAN, "subject", "Fwd: many-attachments",
                "body", "see below", "attachFromFolder", "INBOX", "attachFromUid", Long.toString(attachments)), compose.body());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.uri().getPath()).isEqualTo("/mail");

        MimeMessage forwarded = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> received("Fwd: many-attachments"), m -> m != null);
        Multipart parts = (Multipart) forwarded.getContent();
        assertThat(parts.getCount()).isEqualTo(1 + LISTED);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("fé2.bin");
    }

    @Test
    void tenThousandInlineTextPartsShowTheFirstOnesAndListABoundedNumber() throws Exception {
        webmail.imapTrace().reset();
        HttpResponse<String> page = dan.get("/mail/message?folder=INBOX&uid=" + inlineTexts);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(webmail.imapTrace().fetches()).isLessThanOrEqualTo(FETCHES_PER_VIEW + MessageParts.MAX_TEXT_PARTS);
        assertThat(page.body()).contains("first words of many-texts")
                .containsPattern("line " + MessageParts.MAX_TEXT_PARTS + "[\\n<]")
                .doesNotContainPattern("line " + (MessageParts.MAX_TEXT_PARTS + 1) + "[\\n<]");
        int listed = MessageParts.MAX_PARTS - 1 - MessageParts.MAX_TEXT_PARTS;
        assertThat(count(page.body(), "href=\"/mail/attachment?")).isEqualTo(listed);
        assertThat(page.body()).contains("Only the first " + listed + " of the "
                + java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH).format(10_000 - MessageParts.MAX_TEXT_PARTS)
                + " attachments");
        HttpResponse<String> reply = dan.get("/compose?mode=reply&folder=INBOX&uid=" + inlineTexts);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("&gt; first words of many-texts");
    }

    @Test
    void nestingBeyondTheBoundIsCountedNotWalked() throws Exception {
        HttpResponse<String> page = dan.get("/mail/message?folder=INBOX&uid=" + nested);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("level0.bin", "level" + (MessageParts.MAX_DEPTH - 1) + ".bin")
                .doesNotContain("level" + MessageParts.MAX_DEPTH + ".bin", "deepest words");
        assertThat(page.body()).contains("Only the first " + MessageParts.MAX_DEPTH + " of the 61 attachments");
    }

    private static MimeMessage received(String subject) throws Exception {
        try (Store store = mail.client().imap(DAN, DAN_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        var out = new java.io.ByteArrayOutputStream();
                        m.writeTo(out);
                        return new MimeMessage(null, new ByteArrayInputStream(out.toByteArray()));
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
