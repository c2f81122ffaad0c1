package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

class EightBitEnvelopeTest {
    /** A string as javax.mail and mime4j hold raw header bytes: one char per byte. */
    private static String asRead(String text, java.nio.charset.Charset wire) {
        return new String(text.getBytes(wire), StandardCharsets.ISO_8859_1);
    }

    @Test
    void rawUtf8BecomesUtf8WordsOfAtMost75CharsThatDecodeBack() throws Exception {
        String subject = "Réunion du trésorier — ordre du jour ✓ 日本 ".repeat(4).strip();
        String words = EightBitEnvelope.encodedWords(asRead(subject, StandardCharsets.UTF_8));
        assertThat(words.split(" ")).allSatisfy(word -> assertThat(word).startsWith("=?UTF-8?B?").hasSizeLessThanOrEqualTo(75));
        assertThat(MimeUtility.decodeText(words)).isEqualTo(subject);
    }

    @Test
    void rawLatin1IsReadAsLatin1() throws Exception {
        String words = EightBitEnvelope.encodedWords(asRead("Café crème", StandardCharsets.ISO_8859_1));
        assertThat(MimeUtility.decodeText(words)).isEqualTo("Café crème");
    }

    @Test
    void asciiIsLeftAlone() {
        assertThat(EightBitEnvelope.encodedWords("Plain =?UTF-8?Q?caf=C3=A9?=")).isEqualTo("Plain =?UTF-8?Q?caf=C3=A9?=");
    }

    @Test
    void onlyBytesThatFormUtf8CountAsUtf8ReadAsLatin1() {
        assertThat(EightBitEnvelope.utf8ReadAsLatin1(asRead("Zoë", StandardCharsets.UTF_8))).isTrue();
        assertThat(EightBitEnvelope.utf8ReadAsLatin1("Zoë")).isFalse();
        assertThat(EightBitEnvelope.utf8ReadAsLatin1("Zoe")).isFalse();
    }
}
