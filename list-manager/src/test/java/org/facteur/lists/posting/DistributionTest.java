package org.facteur.lists.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.Copies;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.MemberToken;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private final MailingList team = MailingList.of("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, 1_000_000);

    private static final Optional<URI> PUBLIC = Optional.of(URI.create("https://mail.example.org/"));

    /** Tokens as the store would give them: one per member, made up here from the address. */
    private static Map<String, String> tokens(List<Member> members) {
        Map<String, String> tokens = new HashMap<>();
        members.forEach(m -> tokens.put(m.address(), MemberToken.random()));
        return tokens;
    }

    private static Distribution distribution(Map<String, String> tokens, Optional<URI> publicUrl) {
        return new Distribution(100, new PersonalCopies(list -> tokens, publicUrl));
    }

    /** Every member in a@b.test, the one these tests send to. */
    private static Distribution distribution() {
        return distribution(Map.of("a@b.test", MemberToken.random()), PUBLIC);
    }

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
        List<OutgoingMail> batches = distribution().distribute(team.withCopies(Copies.BATCHED), post("text/plain", "hello\r\n"), Optional.empty(), members);
        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(b -> b.recipients().size()).containsExactly(100, 100, 50);
        assertThat(batches.get(0).recipients()).allMatch(r -> r.endsWith("@a.test"));
        assertThat(batches.stream().flatMap(b -> b.recipients().stream())).hasSize(250).doesNotContain("quiet@a.test");
        assertThat(batches).allMatch(b -> b.envelopeSender().equals("team-owner@example.org"));
    }

    @Test
    void theCopyKeepsTheMessageIdLosesTheDkimSignatureAndGetsTheFooterOnce() throws Exception {
        var copy = distribution().distribute(team, post("text/plain; charset=UTF-8", "hello\r\n"), Optional.empty(),
                List.of(Member.subscriber("a@b.test", ""))).get(0).message();
        assertThat(copy.getMessageID()).isEqualTo("<p1@remote.test>");
        assertThat(copy.getHeader("DKIM-Signature")).isNull();
        String text = (String) copy.getContent();
        assertThat(text).startsWith("hello").contains("-- \nteam <team@example.org>");
        // Distributing the distributed copy again (a list subscribed to itself) does not stack footers.
        var out = new java.io.ByteArrayOutputStream();
        copy.writeTo(out);
        var again = distribution().distribute(team, out.toByteArray(), Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
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
        var copy = distribution().distribute(team, post(signed, body), Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
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
        var copy = distribution().distribute(team, raw, Optional.empty(), List.of(Member.subscriber("a@b.test", "")))
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
        var copies = distribution().distribute(team, raw, Optional.empty(), List.of(Member.subscriber("a@b.test", "")));
        assertThat(copies).hasSize(1);
        var out = new java.io.ByteArrayOutputStream();
        copies.get(0).message().writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("text without end").contains("team <team@example.org>");
    }

    @Test
    void personalCopiesHaveTheirMembersEnvelopeSenderAndOneClickLink() throws Exception {
        List<Member> members = List.of(Member.subscriber("ann@a.test", ""), Member.subscriber("bob@b.test", ""),
                new Member("quiet@a.test", "", java.util.Set.of(org.facteur.lists.model.Role.SUBSCRIBER), ReceptionMode.NOMAIL));
        Map<String, String> tokens = tokens(members);
        List<OutgoingMail> copies = distribution(tokens, PUBLIC).distribute(team, post("text/plain", "hello\r\n"), Optional.empty(), members);
        assertThat(copies).hasSize(2);
        for (OutgoingMail copy : copies) {
            String member = copy.recipients().get(0);
            String token = tokens.get(member);
            assertThat(copy.recipients()).containsExactly(member);
            assertThat(copy.envelopeSender()).isEqualTo("team-owner+" + token + "@example.org");
            assertThat(copy.message().getHeader("List-Unsubscribe", null))
                    .isEqualTo("<https://mail.example.org/lists/u/" + token + ">, <mailto:team-unsubscribe@example.org>");
            assertThat(copy.message().getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
            assertThat(copy.message().getMessageID()).isEqualTo("<p1@remote.test>");
            assertThat((String) copy.message().getContent()).startsWith("hello").contains("team <team@example.org>");
        }
        assertThat(copies).extracting(c -> c.recipients().get(0)).containsExactly("ann@a.test", "bob@b.test");
    }

    @Test
    void withoutAPublicUrlPersonalCopiesKeepTheMailtoAloneAndNoPostHeader() throws Exception {
        List<Member> members = List.of(Member.subscriber("ann@a.test", ""));
        byte[] raw = ("From: x@remote.test\r\nSubject: Hi\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                + "List-Unsubscribe: <https://evil.test/u>\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8);
        OutgoingMail copy = distribution(tokens(members), Optional.empty()).distribute(team, raw, Optional.empty(), members).get(0);
        assertThat(copy.message().getHeader("List-Unsubscribe")).containsExactly("<mailto:team-unsubscribe@example.org>");
        assertThat(copy.message().getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(copy.envelopeSender()).startsWith("team-owner+");
    }

    @Test
    void batchedCopiesComeFromTheOwnerAddressWithTheMailtoAlone() throws Exception {
        List<Member> members = List.of(Member.subscriber("ann@a.test", ""), Member.subscriber("bob@a.test", ""));
        List<OutgoingMail> copies = distribution(tokens(members), PUBLIC)
                .distribute(team.withCopies(Copies.BATCHED), post("text/plain", "hello\r\n"), Optional.empty(), members);
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).envelopeSender()).isEqualTo("team-owner@example.org");
        assertThat(copies.get(0).message().getHeader("List-Unsubscribe")).containsExactly("<mailto:team-unsubscribe@example.org>");
        assertThat(copies.get(0).message().getHeader("List-Unsubscribe-Post")).isNull();
    }

    /** Keeps nothing, remembers the copies it was given and answers the next id. */
    private static final class RecordingArchive implements ArchiveKeeper {
        final List<String> kept = new ArrayList<>();

        @Override
        public Optional<String> keep(MailingList list, jakarta.mail.internet.MimeMessage copy) {
            try {
                var out = new java.io.ByteArrayOutputStream();
                copy.writeTo(out);
                kept.add(out.toString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Optional.of("post-" + kept.size());
        }
    }

    private static Distribution archiving(Map<String, String> tokens, ArchiveKeeper archive, Optional<URI> publicUrl) {
        return new Distribution(100, DmarcPolicies.NOT_ASKED, new PersonalCopies(list -> tokens, publicUrl), DigestKeeper.NONE,
                archive, publicUrl);
    }

    private static byte[] postFromAnotherList() {
        return ("From: x@remote.test\r\nSubject: Hi\r\nMessage-ID: <p1@remote.test>\r\n"
                + "List-Archive: <https://other.test/archive>\r\nArchived-At: <https://evil.test/post/1>\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copiesOfAnArchivingListLinkToItsArchiveAndToThePostArchivedOnce() throws Exception {
        List<Member> members = List.of(Member.subscriber("ann@a.test", ""), Member.subscriber("bob@b.test", ""));
        RecordingArchive archive = new RecordingArchive();
        List<OutgoingMail> copies = archiving(tokens(members), archive, PUBLIC).distribute(team, postFromAnotherList(), Optional.empty(), members);

        assertThat(archive.kept).singleElement().satisfies(kept -> {
            assertThat(kept).contains("List-Archive: <https://mail.example.org/lists/archive/team@example.org>")
                    .doesNotContain("Archived-At").doesNotContain("evil.test").doesNotContain("other.test");
        });
        assertThat(copies).hasSize(2);
        for (OutgoingMail copy : copies) {
            assertThat(copy.message().getHeader("List-Archive")).containsExactly("<https://mail.example.org/lists/archive/team@example.org>");
            assertThat(copy.message().getHeader("Archived-At"))
                    .containsExactly("<https://mail.example.org/lists/archive/team@example.org/post/post-1>");
            assertThat(copy.message().getHeader("List-Unsubscribe", null)).startsWith("<https://mail.example.org/lists/u/");
        }

        List<OutgoingMail> batched = archiving(tokens(members), archive, PUBLIC)
                .distribute(team.withCopies(Copies.BATCHED), post("text/plain", "again\r\n"), Optional.empty(), members);
        assertThat(batched.getFirst().message().getHeader("Archived-At"))
                .containsExactly("<https://mail.example.org/lists/archive/team@example.org/post/post-2>");
    }

    @Test
    void aListWithoutArchiveOrAServerWithoutPublicUrlGivesNoArchiveHeadersAndDropsTheOnesThePostHad() throws Exception {
        List<Member> members = List.of(Member.subscriber("ann@a.test", ""));
        RecordingArchive archive = new RecordingArchive();
        OutgoingMail off = archiving(tokens(members), archive, PUBLIC)
                .distribute(team.withArchive(ArchiveAccess.OFF), postFromAnotherList(), Optional.empty(), members).getFirst();
        assertThat(archive.kept).isEmpty();
        assertThat(off.message().getHeader("List-Archive")).isNull();
        assertThat(off.message().getHeader("Archived-At")).isNull();

        OutgoingMail noUrl = archiving(tokens(members), archive, Optional.empty())
                .distribute(team, postFromAnotherList(), Optional.empty(), members).getFirst();
        assertThat(archive.kept).hasSize(1); // archived all the same: the pages exist, only their address is unknown
        assertThat(noUrl.message().getHeader("List-Archive")).isNull();
        assertThat(noUrl.message().getHeader("Archived-At")).isNull();
    }

    @Test
    void archiveLinksJoinThePublicUrlWithOrWithoutItsSlashOrPath() {
        assertThat(ArchiveLinks.archive(URI.create("https://mail.example.org"), "team@example.org"))
                .isEqualTo("https://mail.example.org/lists/archive/team@example.org");
        assertThat(ArchiveLinks.post(URI.create("https://example.org/facteur//"), "team@example.org", "abc"))
                .isEqualTo("https://example.org/facteur/lists/archive/team@example.org/post/abc");
    }
}
