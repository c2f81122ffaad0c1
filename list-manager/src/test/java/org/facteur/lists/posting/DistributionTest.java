package org.facteur.lists.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private final MailingList team = MailingList.of("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, 1_000_000);

    private static byte[] post(String contentType, String body) {
        return ("From: x@remote.test\r\nTo: team@example.org\r\nSubject: Hi\r\nMessage-ID: <p1@remote.test>\r\n"
                + "DKIM-Signature: v=1; d=remote.test\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void membersAreBatchedByDomainIntoBoundedTransactions() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            members.add(Member.subscriber("m" + i + "@" + (i % 2 == 0 ? "b.test" : "a.test"), ""));
        }
        members.add(new Member("quiet@a.test", "", java.util.Set.of(org.facteur.lists.model.Role.SUBSCRIBER), ReceptionMode.NOMAIL));
        List<OutgoingMail> batches = new Distribution(100).distribute(team, post("text/plain", "hello\r\n"), Optional.empty(), members);
        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(b -> b.recipients().size()).containsExactly(100, 100, 50);
        assertThat(batches.get(0).recipients()).allMatch(r -> r.endsWith("@a.test"));
        assertThat(batches.stream().flatMap(b -> b.recipients().stream())).hasSize(250).doesNotContain("quiet@a.test");
        assertThat(batches).allMatch(b -> b.envelopeSender().equals("team-owner@example.org"));
    }

    @Test
    void theCopyKeepsTheMessageIdLosesTheDkimSignatureAndGetsTheFooterOnce() throws Exception {
        var copy = new Distribution(100).distribute(team, post("text/plain; charset=UTF-8", "hello\r\n"), Optional.empty(),
                List.of(Member.subscriber("a@b.test", ""))).get(0).message();
        assertThat(copy.getMessageID()).isEqualTo("<p1@remote.test>");
        assertThat(copy.getHeader("DKIM-Signature")).isNull();
        String text = (String) copy.getContent();
        assertThat(text).startsWith("hello").contains("-- \nteam <team@example.org>");
        // Distributing the distributed copy again (a list subscribed to itself) does not stack footers.
        var out = new java.io.ByteArrayOutputStream();
        copy.writeTo(out);
        var again = new Distribution(100).distribute(team, out.toByteArray(), Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
                .get(0).message();
        String twice = (String) again.getContent();
        assertThat(twice.split("Unsubscribe: mailto:team-unsubscribe@example.org", -1)).hasSize(2);
        assertThat(again.getSubject()).isEqualTo("[team] Hi");
    }

    @Test
    void htmlAndSignedPostsGetTheFooterAsASeparatePartLeavingTheOriginalBytesAlone() throws Exception {
        String signed = "multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha512; boundary=\"sig\"";
        String body = "--sig\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--sig\r\nContent-Type: application/pgp-signature\r\n\r\n"
                + "-----BEGIN PGP SIGNATURE-----\r\nabc\r\n-----END PGP SIGNATURE-----\r\n--sig--\r\n";
        var copy = new Distribution(100).distribute(team, post(signed, body), Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
                .get(0).message();
        assertThat(copy.isMimeType("multipart/mixed")).isTrue();
        var mixed = (jakarta.mail.internet.MimeMultipart) copy.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        var original = new java.io.ByteArrayOutputStream();
        ((jakarta.mail.internet.MimeBodyPart) mixed.getBodyPart(0)).getRawInputStream().transferTo(original);
        assertThat(original.toString(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(mixed.getBodyPart(1).getContent().toString()).contains("team <team@example.org>");
    }

    @Test
    void aPostInAnUnknownCharsetIsDistributedWithItsBytesUntouched() throws Exception {
        String body = "caf\u00e9 \u00e0 8 bits\r\n";
        byte[] raw = post("text/plain; charset=x-no-such-charset", body);
        var copy = new Distribution(100).distribute(team, raw, Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
                .get(0).message();
        var mixed = (jakarta.mail.internet.MimeMultipart) copy.getContent();
        var original = new java.io.ByteArrayOutputStream();
        ((jakarta.mail.internet.MimeBodyPart) mixed.getBodyPart(0)).getRawInputStream().transferTo(original);
        assertThat(original.toByteArray()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(mixed.getBodyPart(0).getContentType()).contains("x-no-such-charset");
    }

    @Test
    void aBrokenMultipartIsStillDistributed() throws Exception {
        byte[] raw = post("multipart/mixed; boundary=\"never-closed\"", "--never-closed\r\nContent-Type: text/plain\r\n\r\ntext without end");
        var copies = new Distribution(100).distribute(team, raw, Optional.empty(), List.of(Member.subscriber("a@b.test", "")));
        assertThat(copies).hasSize(1);
        var out = new java.io.ByteArrayOutputStream();
        copies.get(0).message().writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("text without end").contains("team <team@example.org>");
    }
}
