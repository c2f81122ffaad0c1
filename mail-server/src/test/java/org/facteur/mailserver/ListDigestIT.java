package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.store.DigestIssue;
import org.junit.jupiter.api.Test;

/**
 * Digests black-box: a member sets DIGEST by mail, posts come in over SMTP, the normal member gets each copy, the digest
 * member nothing until the digest, read over IMAP; posts waiting for it survive a restart.
 */
class ListDigestIT extends TeamListServer {

    @Test
    void fivePostsThenTheTriggerMakeOneMultipartDigestForTheDigestMemberOnly() throws Exception {
        client.submit("dan@example.org", PASS, client.message("dan@example.org", "team-request@example.org", "digest please", "SET team DIGEST"));
        assertThat(new String(client.raw("dan@example.org", PASS, "Re: digest please"))).contains("is now DIGEST");

        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            client.submit("alice@example.org", PASS, client.message("alice@example.org", TEAM, "Digest post " + i, "Text " + i));
            posted.add("[team] Digest post " + i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> bobsPosts().size() == 5);
        assertThat(bobsPosts()).containsExactlyInAnyOrderElementsOf(posted);

        // the posts waiting for the digest are in the database, not in memory
        server.close();
        server = FacteurMailServer.start(settings);

        DigestIssue issue = server.lists().sendDigest(TEAM).orElseThrow();
        assertThat(issue.posts()).hasSize(5);
        MimeMessage digest = parse(client.raw("dan@example.org", PASS, "[team] Digest, Vol 1, Issue 1"));
        assertThat(new ContentType(digest.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
        assertThat(digest.getHeader("List-Id")).containsExactly("team <team.example.org>");
        Multipart mixed = (Multipart) digest.getContent();
        assertThat(mixed.getBodyPart(0).isMimeType("text/plain")).isTrue();
        BodyPart digestPart = mixed.getBodyPart(1);
        assertThat(new ContentType(digestPart.getContentType()).getBaseType()).isEqualTo("multipart/digest");
        Multipart posts = (Multipart) digestPart.getContent();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < posts.getCount(); i++) {
            assertThat(posts.getBodyPart(i).isMimeType("message/rfc822")).isTrue();
            subjects.add(((MimeMessage) posts.getBodyPart(i).getContent()).getSubject());
        }
        assertThat(subjects).containsExactlyInAnyOrderElementsOf(posted);
        assertThat(client.subjects("dan@example.org", PASS, "INBOX")).containsExactly("Re: digest please", "[team] Digest, Vol 1, Issue 1");

        // nothing new: nothing sent; the next post makes issue 2, and dan then has exactly one more message
        assertThat(server.lists().sendDigest(TEAM)).isEmpty();
        client.submit("alice@example.org", PASS, client.message("alice@example.org", TEAM, "Digest post 6", "Text 6"));
        await().atMost(Duration.ofSeconds(30)).until(() -> bobsPosts().size() == 6);
        assertThat(server.lists().sendDigest(TEAM).orElseThrow().posts()).hasSize(1);
        client.raw("dan@example.org", PASS, "[team] Digest, Vol 1, Issue 2");
        assertThat(client.subjects("dan@example.org", PASS, "INBOX")).containsExactly("Re: digest please",
                "[team] Digest, Vol 1, Issue 1", "[team] Digest, Vol 1, Issue 2");
        assertThat(client.subjects("bob@example.org", PASS, "INBOX")).noneMatch(s -> s.contains("Digest, Vol"));
    }

    private static List<String> bobsPosts() throws Exception {
        return client.subjects("bob@example.org", PASS, "INBOX").stream().filter(s -> s.startsWith("[team] Digest post")).toList();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
