package org.facteur.webmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Header values a strict parser refuses are read leniently: the decoded raw text at worst, never an exception. */
class HeaderReadingTest {

    @Test
    void encodedWordsDecodeWhatTheyCanAndKeepTheRestAsWritten() {
        assertThat(EncodedWords.decode("=?utf-8?Q?Caf=C3=A9?= =?utf-8?B?w6AgbWlkaQ==?=")).isEqualTo("Caféà midi");
        assertThat(EncodedWords.decode("=?x-klingon?Q?Kor?= and =?utf-8?Q?ok?=")).isEqualTo("=?x-klingon?Q?Kor?= and ok");
        assertThat(EncodedWords.decode("=?utf-8?B?####?=")).isEqualTo("=?utf-8?B?####?=");
        assertThat(EncodedWords.decode("=?utf-8?Q?=ZZ?=")).isEqualTo("=?utf-8?Q?=ZZ?=");
        assertThat(EncodedWords.decode("=?utf-8?Q?unterminated")).isEqualTo("=?utf-8?Q?unterminated");
        assertThat(EncodedWords.decode("=?iso-8859-1*fr?Q?d=E9j=E0?=")).isEqualTo("déjà");
    }

    @Test
    void controlCharactersHiddenInEncodedWordsAreShownAsReplacementCharacters() {
        assertThat(HeaderBlock.shown("=?utf-8?Q?a=00=0D=0ABcc:_x?=")).isEqualTo("a\uFFFD\uFFFD\uFFFDBcc: x");
        assertThat(HeaderBlock.shown("tab\there")).isEqualTo("tab here");
    }

    @Test
    void headerBlocksUnfoldAndReadEightBitBytes() {
        byte[] utf8 = "From: Amélie <a@example.org>\r\nSubject: a\r\n b\r\n\r\nbody".getBytes(StandardCharsets.UTF_8);
        HeaderBlock h = HeaderBlock.parse(utf8);
        assertThat(h.raw("from")).isEqualTo("Amélie <a@example.org>");
        assertThat(h.text("Subject")).isEqualTo("a b");
        assertThat(h.raw("body")).isNull();
        HeaderBlock latin1 = HeaderBlock.parse("Subject: caf\u00e9\nX: y\rZ: z".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.text("Subject")).isEqualTo("café");
        assertThat(latin1.raw("Z")).isEqualTo("z");
        assertThat(HeaderBlock.parse(" continuation first\r\nno colon\r\n: empty name\r\nA: b".getBytes()).raw("A")).isEqualTo("b");
        assertThat(HeaderBlock.parse(null).raw("From")).isNull();
    }

    @Test
    void longValuesAreCutForShowing() {
        String shown = HeaderBlock.shown("x".repeat(100_000));
        assertThat(shown).hasSize(HeaderBlock.MAX_SHOWN_CHARS + 1).endsWith("…");
    }

    @Test
    void addressesFallBackToTheDecodedRawText() {
        assertThat(Addresses.parse("<a:b@evil.test>")).containsExactly("a:b@evil.test");
        assertThat(Addresses.parse("Friends: alice@example.org, Bob <bob@example.org>;")).containsExactly("alice@example.org",
                "Bob <bob@example.org>");
        assertThat(Addresses.parse("undisclosed-recipients:;")).containsExactly("undisclosed-recipients:;");
        assertThat(Addresses.parse("<>")).containsExactly("<>");
        assertThat(Addresses.parse(",,,")).containsExactly(",,,");
        assertThat(Addresses.parse("=?utf-8?b?Ym9iQGV4YW1wbGUub3JnIDxldmlsQGV2aWwudGVzdD4=?= <x@evil.test>"))
                .containsExactly("\"bob@example.org <evil@evil.test>\" <x@evil.test>");
        assertThat(Addresses.parse("=?x-klingon?Q?Kor?= <kor@evil.test>")).containsExactly("=?x-klingon?Q?Kor?= <kor@evil.test>");
        assertThat(Addresses.parse("Alice Martin <alice@example.org>")).containsExactly("Alice Martin <alice@example.org>");
        assertThat(Addresses.parse(null)).isEmpty();
        assertThat(Addresses.parse("a@example.org, ".repeat(5_000))).hasSize(Addresses.MAX_ADDRESSES);
    }

    @Test
    void datesOutsideReasonAreNoDates() {
        assertThat(MailDates.parse("Tue, 1 Dec 2026 10:00:00 +0100")).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(MailDates.parse("not a date")).isNull();
        assertThat(MailDates.parse("Mon, 99 Foo 99999 99:99:99 +9999")).isNull();
        assertThat(MailDates.parse("Mon, 1 Jan 1900 00:00:00 +0000")).isNull();
    }

    @Test
    void parametersAreFoundInBrokenValues() {
        assertThat(Parameters.get("text/plain; charset=\"utf-8; format=", "charset")).isEqualTo("utf-8; format=");
        assertThat(Parameters.get("attachment; filename*=utf-8''caf%C3%A9.pdf", "filename")).isEqualTo("café.pdf");
        assertThat(Parameters.get("application/pdf; name=\"=?utf-8?B?####", "name")).isEqualTo("=?utf-8?B?####");
        assertThat(Parameters.get(";;;", "charset")).isNull();
        assertThat(Charsets.lookup("utf-8; format=")).isNull();
        assertThat(Charsets.lookup("\"ISO-8859-1\"")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void htmlTextIsLinearOnUnclosedTags() {
        assertThat(HtmlText.of("<p>Hello&nbsp;<b>Bob</b></p><script>alert(1)</script><div>bye</div>"))
                .isEqualTo("Hello\u00a0Bob\n\nbye");
        assertThat(HtmlText.of("text <".repeat(200_000))).startsWith("text");
        assertThat(HtmlText.of("<script>".repeat(200_000))).isEmpty();
        assertThat(HtmlText.of("a<style>b")).isEqualTo("a");
    }
}
