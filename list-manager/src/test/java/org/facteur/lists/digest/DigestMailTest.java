package org.facteur.lists.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.facteur.lists.store.DigestIssue;
import org.junit.jupiter.api.Test;

/** The two digest layouts, written out and parsed back with Jakarta Mail as a mail reader would. */
class DigestMailTest {
    private static final MailingList TEAM = MailingList.of("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, 1_000_000);
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private static byte[] post(int n, String body) {
        return ("From: Author " + n + " <a" + n + "@remote.test>\r\nTo: team@example.org\r\nSubject: [team] Post " + n + "\r\n"
                + "Date: Wed, 2 Dec 2026 06:0" + n + ":00 +0000\r\nMessage-ID: <p" + n + "@remote.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static DigestIssue issue(int posts) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 1; i <= posts; i++) {
            list.add(post(i, "Body of post " + i));
        }
        return new DigestIssue(TEAM.address(), 1, 4, list);
    }

    /** The digest as it leaves, read back from its bytes. */
    private static MimeMessage written(MimeMessage digest) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        digest.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void aMimeDigestIsATableOfContentsThenAMultipartDigestOfTheCopies() throws Exception {
        MimeMessage digest = written(new MimeDigest().compose(TEAM, issue(5), NOW));

        assertThat(digest.getSubject()).isEqualTo("[team] Digest, Vol 1, Issue 4");
        assertThat(digest.getFrom()[0].toString()).isEqualTo("team <team@example.org>");
        assertThat(digest.getHeader("List-Id")).containsExactly("team <team.example.org>");
        assertThat(digest.getHeader("List-Unsubscribe")).containsExactly("<mailto:team-unsubscribe@example.org>");
        assertThat(digest.getHeader("Precedence")).containsExactly("list");
        assertThat(digest.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(new ContentType(digest.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
        Multipart mixed = (Multipart) digest.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        BodyPart toc = mixed.getBodyPart(0);
        assertThat(toc.isMimeType("text/plain")).isTrue();
        assertThat((String) toc.getContent()).contains("Topics of this issue (5 messages):")
                .contains("   1. [team] Post 1 (Author 1 <a1@remote.test>)")
                .contains("   5. [team] Post 5 (Author 5 <a5@remote.test>)");

        BodyPart digestPart = mixed.getBodyPart(1);
        assertThat(new ContentType(digestPart.getContentType()).getBaseType()).isEqualTo("multipart/digest");
        Multipart posts = (Multipart) digestPart.getContent();
        assertThat(posts.getCount()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            BodyPart part = posts.getBodyPart(i);
            assertThat(part.isMimeType("message/rfc822")).isTrue();
            MimeMessage embedded = (MimeMessage) part.getContent();
            assertThat(embedded.getSubject()).isEqualTo("[team] Post " + (i + 1));
            assertThat(embedded.getMessageID()).isEqualTo("<p" + (i + 1) + "@remote.test>");
            assertThat(((String) embedded.getContent()).strip()).isEqualTo("Body of post " + (i + 1));
        }
    }

    @Test
    void aPlainDigestFollowsRfc1153() throws Exception {
        DigestIssue issue = new DigestIssue(TEAM.address(), 2, 1, List.of(post(1, "First\r\n" + "-".repeat(30) + "\r\nafter"),
                post(2, "Second")));
        MimeMessage digest = written(new PlainDigest().compose(TEAM, issue, NOW));

        assertThat(digest.getSubject()).isEqualTo("[team] Digest, Vol 2, Issue 1");
        assertThat(digest.isMimeType("text/plain")).isTrue();
        String text = ((String) digest.getContent()).replace("\r\n", "\n");
        String dashes = "-".repeat(30);
        assertThat(text).isEqualTo("""
                [team] Digest, Vol 2, Issue 1

                Topics of this issue (2 messages):

                   1. [team] Post 1 (Author 1 <a1@remote.test>)
                   2. [team] Post 2 (Author 2 <a2@remote.test>)

                %s

                Date: Wed, 2 Dec 2026 06:01:00 +0000
                From: Author 1 <a1@remote.test>
                Subject: [team] Post 1

                First
                - %s
                after


                %s

                Date: Wed, 2 Dec 2026 06:02:00 +0000
                From: Author 2 <a2@remote.test>
                Subject: [team] Post 2

                Second


                %s

                End of [team] Digest, Vol 2, Issue 1
                ************************************
                """.formatted("-".repeat(70), dashes, dashes, dashes));
        // each post is found between separator lines, as an RFC 1153 reader splits them
        assertThat(text.split("\n" + dashes + "\n", -1)).hasSize(3);
    }

    @Test
    void theDigestIsInTheListsLanguage() throws Exception {
        MimeMessage digest = written(new MimeDigest().compose(TEAM.withLanguage(Locale.FRENCH), issue(1), NOW));
        assertThat(digest.getSubject()).isEqualTo("[team] Résumé, vol. 1, numéro 4");
    }
}
