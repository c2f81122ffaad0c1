package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** The walk over a message parsed here (a forward, or a message the server cannot describe) is bounded and lenient. */
class MessagePartsTest {
    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw));
    }

    private static MimeMessage parse(String raw) throws Exception {
        return parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tenThousandPartsAreWalkedUpToTheBoundAndCounted() throws Exception {
        MimeMessage m = parse(ManyParts.flat("flat", 10_000, false));
        MessageParts.Parsed parsed = MessageParts.parse(m);
        assertThat(parsed.text()).contains("first words of flat");
        assertThat(parsed.attachments()).hasSize(MessageParts.MAX_PARTS - 2);
        assertThat(parsed.attachments().get(0).filename()).isEqualTo("fé2.bin");
        assertThat(parsed.attachments().size() + parsed.attachmentsNotShown()).isEqualTo(9_999);
        assertThat(MessageParts.attachments(m)).hasSize(MessageParts.MAX_PARTS - 2);
        assertThat(MessageParts.attachment(m, MessageParts.MAX_PARTS - 2)).isNotNull();
        assertThat(MessageParts.attachment(m, MessageParts.MAX_PARTS - 1)).isNull();
    }

    @Test
    void nestingIsWalkedToTheBound() throws Exception {
        MessageParts.Parsed parsed = MessageParts.parse(parse(ManyParts.nested("deep", 60)));
        assertThat(parsed.attachments()).hasSize(MessageParts.MAX_DEPTH);
        assertThat(parsed.attachmentsNotShown()).isEqualTo(41);
        assertThat(parsed.text()).isNull();
    }

    @Test
    void inlineTextPartsBeyondTheBoundAreListed() throws Exception {
        MessageParts.Parsed parsed = MessageParts.parse(parse(ManyParts.flat("texts", 100, true)));
        assertThat(parsed.text()).contains("line " + MessageParts.MAX_TEXT_PARTS).doesNotContain("line " + (MessageParts.MAX_TEXT_PARTS + 1));
        assertThat(parsed.attachments()).hasSize(100 - MessageParts.MAX_TEXT_PARTS);
    }

    @Test
    void aMultipartWithoutBoundaryIsShownAsText() throws Exception {
        MessageParts.Parsed parsed = MessageParts.parse(parse("Content-Type: multipart/mixed\r\n\r\nhello there\r\n"));
        assertThat(parsed.text()).contains("hello there");
        assertThat(parsed.attachments()).isEmpty();
    }

    @Test
    void brokenEncodingsAndCharsetsStillGiveText() throws Exception {
        assertThat(MessageParts.parse(parse("Content-Type: text/plain; charset=x-no-such\r\nContent-Transfer-Encoding: x-bogus\r\n\r\nsalut\r\n"))
                .text()).contains("salut");
        assertThat(MessageParts.parse(parse("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64!\r\n"))
                .text()).isNotNull();
        assertThat(MessageParts.parse(parse("Content-Type: ;;;\r\n\r\nplain\r\n")).text()).contains("plain");
        byte[] latin1 = "Content-Type: text/plain\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MessageParts.parse(parse(latin1)).text()).contains("café");
    }

    @Test
    void aBrokenAttachmentHeaderGetsAName() throws Exception {
        MessageParts.Parsed parsed = MessageParts.parse(parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nbody\r\n--b\r\nContent-Type: application/pdf; name=\"=?utf-8?B?####\r\n"
                + "Content-Disposition: attachment; filename*=utf-8''caf%C3%A; filename=\"\r\n\r\nJVBERi0=\r\n--b--\r\n"));
        assertThat(parsed.text()).contains("body");
        assertThat(parsed.attachments()).hasSize(1);
        assertThat(parsed.attachments().get(0).filename()).isNotBlank();
        assertThat(parsed.attachments().get(0).contentType()).isEqualTo("application/pdf");
    }

    @Test
    void bodiesAreCutAtTheBound() throws Exception {
        String big = "x".repeat(MessageParts.MAX_BODY_CHARS + 10);
        MessageParts.Parsed parsed = MessageParts.parse(parse("Content-Type: text/plain\r\n\r\n" + big));
        assertThat(parsed.text()).hasSize(MessageParts.MAX_BODY_CHARS);
        assertThat(parsed.cut()).isTrue();
    }

    private static final String ARMOR = "-----BEGIN PGP MESSAGE-----\r\n\r\nhF4DqYKc5a1nVjASAQdA\r\n=Zm9v\r\n-----END PGP MESSAGE-----\r\n";

    @Test
    void pgpMimeIsEncryptedAlsoInsideAListFooterWrapper() throws Exception {
        String encrypted = "Content-Type: multipart/encrypted; boundary=e;\r\n protocol=\"Application/PGP-Encrypted\"\r\n\r\n"
                + "--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
                + "--e\r\nContent-Type: application/octet-stream\r\n\r\n" + ARMOR + "--e--\r\n";
        MessageParts.Parsed alone = MessageParts.parse(parse(encrypted));
        assertThat(alone.openPgp()).isEqualTo(OpenPgp.ENCRYPTED);
        assertThat(alone.attachments()).hasSize(2);
        MessageParts.Parsed wrapped = MessageParts.parse(parse("Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
                + encrypted + "\r\n--m\r\nContent-Type: text/plain\r\n\r\nteam list footer\r\n--m--\r\n"));
        assertThat(wrapped.openPgp()).isEqualTo(OpenPgp.ENCRYPTED);
    }

    @Test
    void anArmoredMessageAtTheStartOfALineIsInlineEncryptedAQuotedOneIsNot() throws Exception {
        assertThat(MessageParts.parse(parse("Content-Type: text/plain\r\n\r\nHi,\r\n\r\n" + ARMOR)).openPgp())
                .isEqualTo(OpenPgp.ENCRYPTED_INLINE);
        assertThat(MessageParts.parse(parse("Content-Type: text/plain\r\n\r\nyou wrote:\r\n> " + ARMOR.replace("\r\n", "\r\n> "))).openPgp())
                .isEqualTo(OpenPgp.NONE);
        assertThat(MessageParts.parse(parse("Content-Type: text/plain\r\n\r\nthe -----BEGIN PGP MESSAGE----- line starts a block\r\n")).openPgp())
                .isEqualTo(OpenPgp.NONE);
    }

    @Test
    void pgpSignaturesAreSignedSmimeAndOtherMultipartsAreNot() throws Exception {
        String signed = "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"%s\"; boundary=s\r\n\r\n"
                + "--s\r\nContent-Type: text/plain\r\n\r\nsigned words\r\n--s\r\nContent-Type: %s\r\n\r\nc2ln\r\n--s--\r\n";
        MessageParts.Parsed pgp = MessageParts.parse(parse(signed.formatted("application/pgp-signature", "application/pgp-signature")));
        assertThat(pgp.openPgp()).isEqualTo(OpenPgp.SIGNED);
        assertThat(pgp.text()).contains("signed words");
        assertThat(MessageParts.parse(parse(signed.formatted("application/pkcs7-signature", "application/pkcs7-signature"))).openPgp())
                .isEqualTo(OpenPgp.NONE);
        assertThat(MessageParts.parse(parse("Content-Type: text/plain\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\nhi\r\n"))
                .openPgp()).isEqualTo(OpenPgp.SIGNED);
        assertThat(MessageParts.parse(parse("Content-Type: multipart/mixed; protocol=\"application/pgp-encrypted\"; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n")).openPgp()).isEqualTo(OpenPgp.NONE);
    }
}
