package org.facteur.lists.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.MemberToken;
import org.facteur.lists.model.Preset;
import org.junit.jupiter.api.Test;

/** The copy of a post from a DMARC p=reject or p=quarantine domain comes from the list; other posts keep their From. */
class DmarcSafeCopyTest {
    /** Replies go to the poster (the list sets no Reply-To). */
    private final MailingList toSender = MailingList.of("team@example.org", Preset.MODERATED, Locale.ENGLISH, 1_000_000);
    /** Replies go to the list. */
    private final MailingList toList = MailingList.of("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, 1_000_000);
    private final List<String> asked = new ArrayList<>();
    private final DmarcPolicies dns = domain -> {
        asked.add(domain);
        return Map.of("strict.test", DmarcPolicies.Policy.REJECT, "spam.test", DmarcPolicies.Policy.QUARANTINE,
                "relaxed.test", DmarcPolicies.Policy.NONE, "broken.test", DmarcPolicies.Policy.UNKNOWN,
                "example.org", DmarcPolicies.Policy.REJECT).getOrDefault(domain, DmarcPolicies.Policy.ABSENT);
    };

    private static byte[] post(String from, String extraHeaders) {
        return ("From: " + from + "\r\nTo: team@example.org\r\nSubject: Agenda\r\nMessage-ID: <p1@strict.test>\r\n" + extraHeaders
                + "DKIM-Signature: v=1; d=strict.test\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Shall we meet?\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private MimeMessage copy(MailingList list, byte[] post) throws Exception {
        List<OutgoingMailView> copies = new Distribution(100, dns, new PersonalCopies(l -> Map.of("bob@example.org", MemberToken.random()), Optional.empty())).distribute(list, post, Optional.empty(),
                List.of(Member.subscriber("bob@example.org", ""))).stream().map(m -> new OutgoingMailView(m.message())).toList();
        assertThat(copies).hasSize(1);
        // as a receiver reads it: the bytes that leave, parsed again
        return MailComposer.parse(copies.get(0).bytes());
    }

    private record OutgoingMailView(MimeMessage message) {
        byte[] bytes() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        }
    }

    private static InternetAddress from(MimeMessage copy) throws Exception {
        return (InternetAddress) copy.getFrom()[0];
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null ? List.of() : java.util.Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    @Test
    void aPostFromARejectDomainComesFromTheListWithThePosterInReplyTo() throws Exception {
        MimeMessage copy = copy(toSender, post("Alice Martin <alice@strict.test>", ""));
        assertThat(copy.getHeader("From")[0]).isEqualTo("Alice Martin via team <team@example.org>"); // a phrase of atoms needs no quotes (RFC 5322 3.2.5)
        assertThat(addresses(copy.getReplyTo())).containsExactly("alice@strict.test");
        assertThat(copy.getHeader("X-Original-From")[0]).isEqualTo("Alice Martin <alice@strict.test>");
        assertThat(copy.getHeader("Cc")).isNull();
        assertThat(copy.getSubject()).isEqualTo("[team] Agenda");
        assertThat(copy.getMessageID()).isEqualTo("<p1@strict.test>");
        assertThat(asked).containsExactly("strict.test");
    }

    @Test
    void withoutADisplayNameTheLocalPartNamesThePoster() throws Exception {
        MimeMessage copy = copy(toSender, post("<alice.m@Strict.TEST>", ""));
        assertThat(from(copy).getPersonal()).isEqualTo("alice.m via team");
        assertThat(from(copy).getAddress()).isEqualTo("team@example.org");
        assertThat(addresses(copy.getReplyTo())).containsExactly("alice.m@Strict.TEST");
    }

    @Test
    void aNonAsciiNameIsWrittenAsAnEncodedWord() throws Exception {
        MimeMessage copy = copy(toSender.withName("Équipe"), post("=?UTF-8?Q?=C3=89lodie_Durand?= <elodie@spam.test>", ""));
        String header = copy.getHeader("From")[0];
        assertThat(header).startsWith("=?UTF-8?").endsWith("<team@example.org>").doesNotContain("É");
        assertThat(from(copy).getPersonal()).isEqualTo("Élodie Durand via Équipe");
    }

    @Test
    void aLineBreakHiddenInAnEncodedNameDoesNotStartAHeader() throws Exception {
        // "Eve\r\nBcc: victim@else.test" as a base64 encoded word
        String hidden = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("Eve\r\nBcc: victim@else.test".getBytes(StandardCharsets.UTF_8)) + "?=";
        MimeMessage copy = copy(toSender, post(hidden + " <eve@strict.test>", ""));
        assertThat(copy.getHeader("Bcc")).isNull();
        assertThat(from(copy).getPersonal()).isEqualTo("Eve Bcc: victim@else.test via team");
        assertThat(addresses(copy.getFrom())).containsExactly("team@example.org");
    }

    @Test
    void thePostersOwnReplyToIsKept() throws Exception {
        MimeMessage copy = copy(toSender, post("Alice <alice@strict.test>", "Reply-To: Office <office@strict.test>\r\n"));
        assertThat(addresses(copy.getReplyTo())).containsExactly("office@strict.test");
        assertThat(copy.getHeader("X-Original-From")[0]).isEqualTo("Alice <alice@strict.test>");
    }

    @Test
    void whenTheListTakesRepliesThePosterGoesToCcAndReplyToStaysTheList() throws Exception {
        MimeMessage copy = copy(toList, post("Alice <alice@strict.test>", "Cc: carol@else.test\r\n"));
        assertThat(addresses(copy.getReplyTo())).containsExactly("team@example.org");
        assertThat(addresses(copy.getRecipients(Message.RecipientType.CC))).containsExactly("carol@else.test", "alice@strict.test");
        assertThat(addresses(copy.getFrom())).containsExactly("team@example.org");
    }

    @Test
    void theCcSettingPutsThePosterInCcOnceAndSetsNoReplyTo() throws Exception {
        MailingList cc = toSender.withDmarc(DmarcMitigation.DEFAULT.withPoster(DmarcMitigation.Poster.CC));
        MimeMessage copy = copy(cc, post("Alice <alice@strict.test>", ""));
        assertThat(copy.getHeader("Reply-To")).isNull();
        assertThat(addresses(copy.getRecipients(Message.RecipientType.CC))).containsExactly("alice@strict.test");

        MimeMessage already = copy(cc, post("Alice <alice@strict.test>", "Cc: ALICE@strict.test\r\n"));
        assertThat(addresses(already.getRecipients(Message.RecipientType.CC))).containsExactly("ALICE@strict.test");
    }

    @Test
    void noneAbsentAndFailedLookupsKeepFromUntouched() throws Exception {
        for (String author : List.of("Rita <rita@relaxed.test>", "Nat <nat@nothing.test>", "Bob <bob@broken.test>")) {
            MimeMessage copy = copy(toSender, post(author, ""));
            assertThat(copy.getHeader("From")).as(author).containsExactly(author);
            assertThat(copy.getHeader("Reply-To")).as(author).isNull();
            assertThat(copy.getHeader("X-Original-From")).as(author).isNull();
        }
        assertThat(asked).containsExactly("relaxed.test", "nothing.test", "broken.test");
    }

    @Test
    void authorsOfTheListsOwnDomainAndListsWithMitigationOffKeepFrom() throws Exception {
        assertThat(copy(toSender, post("Dan <dan@example.org>", "")).getHeader("From")).containsExactly("Dan <dan@example.org>");
        assertThat(asked).as("the list's domain is never looked up: the list signs for it").isEmpty();
        MailingList off = toSender.withDmarc(DmarcMitigation.DEFAULT.withMode(DmarcMitigation.Mode.OFF));
        assertThat(copy(off, post("Alice <alice@strict.test>", "")).getHeader("From")).containsExactly("Alice <alice@strict.test>");
    }

    @Test
    void aSecondAuthorFromARejectDomainIsEnough() throws Exception {
        MimeMessage copy = copy(toSender, post("Rita <rita@relaxed.test>, Alice <alice@strict.test>", ""));
        assertThat(from(copy).getPersonal()).isEqualTo("Rita via team");
        assertThat(addresses(copy.getReplyTo())).containsExactly("rita@relaxed.test", "alice@strict.test");
    }

    @Test
    void wrapModeSendsANewMessageFromTheListCarryingThePostAsMessageRfc822() throws Exception {
        MailingList wrap = toSender.withDmarc(DmarcMitigation.DEFAULT.withMode(DmarcMitigation.Mode.WRAP));
        MimeMessage copy = copy(wrap, post("Alice Martin <alice@strict.test>", "In-Reply-To: <p0@strict.test>\r\nX-Mailer: Mutt\r\n"));
        assertThat(copy.getHeader("From")[0]).isEqualTo("Alice Martin via team <team@example.org>"); // a phrase of atoms needs no quotes (RFC 5322 3.2.5)
        assertThat(addresses(copy.getReplyTo())).containsExactly("alice@strict.test");
        assertThat(copy.getSubject()).isEqualTo("[team] Agenda");
        assertThat(copy.getHeader("In-Reply-To")).containsExactly("<p0@strict.test>");
        assertThat(copy.getHeader("X-Mailer")).isNull();
        assertThat(copy.getHeader("List-Id")).isNotNull();
        assertThat(copy.isMimeType("multipart/mixed")).isTrue();

        MimeMultipart parts = (MimeMultipart) copy.getContent();
        assertThat(parts.getCount()).as("the post, then the footer").isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("message/rfc822")).isTrue();
        assertThat(parts.getBodyPart(0).getDisposition()).isEqualTo(Part.INLINE);
        MimeMessage inner = (MimeMessage) parts.getBodyPart(0).getContent();
        assertThat(inner.getHeader("From")).containsExactly("Alice Martin <alice@strict.test>");
        assertThat(inner.getSubject()).as("the post as it arrived, untagged").isEqualTo("Agenda");
        assertThat(inner.getHeader("X-Mailer")).containsExactly("Mutt");
        assertThat(inner.getHeader("DKIM-Signature")).as("removed with the other delivery traces").isNull();
        assertThat(inner.getContent()).isEqualTo("Shall we meet?\r\n");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("team <team@example.org>");

        // and a second parse of the bytes reads the same structure (a valid MIME message)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.writeTo(out);
        MimeMessage again = new MimeMessage(MailComposer.session(), new ByteArrayInputStream(out.toByteArray()));
        MimeMultipart againParts = (MimeMultipart) again.getContent();
        assertThat(((MimeMessage) againParts.getBodyPart(0).getContent()).getHeader("From")).containsExactly("Alice Martin <alice@strict.test>");
    }

    @Test
    void aWrappedEightBitPostKeepsItsBytesAndTheRfc822PartIsNotEncoded() throws Exception {
        MailingList wrap = toSender.withDmarc(DmarcMitigation.DEFAULT.withMode(DmarcMitigation.Mode.WRAP));
        byte[] post = ("From: Zoé <zoe@strict.test>\r\nTo: team@example.org\r\nSubject: Réunion\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nÀ demain, café compris.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MimeMessage copy = copy(wrap, post);
        assertThat(from(copy).getPersonal()).isEqualTo("Zoé via team");
        var part = ((MimeMultipart) copy.getContent()).getBodyPart(0);
        // RFC 2046 5.2.1: a message/rfc822 part is 7bit, 8bit or binary, never base64 or quoted-printable
        assertThat(part.getHeader("Content-Transfer-Encoding")).satisfiesAnyOf(
                h -> assertThat(h).isNull(), h -> assertThat(h).containsAnyOf("7bit", "8bit", "binary"));
        assertThat(((MimeMessage) part.getContent()).getContent()).isEqualTo("À demain, café compris.\r\n");
    }

    @Test
    void wrapModeLeavesPostsFromNoneDomainsAlone() throws Exception {
        MailingList wrap = toSender.withDmarc(DmarcMitigation.DEFAULT.withMode(DmarcMitigation.Mode.WRAP));
        MimeMessage copy = copy(wrap, post("Rita <rita@relaxed.test>", ""));
        assertThat(copy.getHeader("From")).containsExactly("Rita <rita@relaxed.test>");
        assertThat(copy.isMimeType("text/plain")).isTrue();
    }
}
