package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code NO [UNKNOWN-CTE]} sentence repeats a header value of the message: only a short RFC 2045 token of it. */
class UnknownTransferEncodingTest {
    private static String refusal(String encoding) {
        return new UnknownTransferEncoding(encoding).refusal(7);
    }

    @Test
    void aKnownLookingNameIsRepeatedAsItIs() {
        assertThat(refusal("x-uuencode")).isEqualTo("Message 7 has a part in the transfer encoding 'x-uuencode', "
                + "which this server cannot decode; fetch it with BODY instead");
    }

    @Test
    void lineBreaksNulAndEightBitBytesNeverReachTheStatusLine() {
        String hostile = "x-evil\r\n* OK injected\r\na1 NO\0\u00e9\u00ff\u0080[ALERT] \"q\" (c) tab\there";
        assertThat(refusal(hostile))
                .doesNotContain("\r").doesNotContain("\n").doesNotContain("\0").doesNotContain("\t")
                .doesNotContain("[ALERT]")
                .contains("'x-evil*OKinjecteda1NOALERTqctabhere'");
        assertThat(refusal(hostile).chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void aLongNameIsCutToFortyCharacters() {
        String longName = "x-" + "a".repeat(198);
        assertThat(longName).hasSize(200);
        assertThat(new UnknownTransferEncoding(longName).echoableEncoding()).isEqualTo("x-" + "a".repeat(38));
        assertThat(refusal(longName)).contains("'x-" + "a".repeat(38) + "'").doesNotContain("a".repeat(39));
    }

    @Test
    void aNameWithNothingLeftIsNotQuotedAtAll() {
        assertThat(refusal("\r\n\0\u00e9 ;:=()")).isEqualTo("Message 7 has a part in a transfer encoding, "
                + "which this server cannot decode; fetch it with BODY instead");
        assertThat(refusal("")).doesNotContain("'");
    }
}
