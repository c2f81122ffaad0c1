package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TransferEncodingsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void identityEncodingsLeaveTheBytesAsStored() throws Exception {
        byte[] body = {0, (byte) 0xff, '\r', 'x', '\n'};
        for (String encoding : new String[] {"", "7bit", "8bit", "binary"}) {
            assertThat(TransferEncodings.decode(body, encoding)).isEqualTo(body);
        }
    }

    @Test
    void base64OfEveryByteValueComesBackWhateverTheLineBreaksAndSpaces() throws Exception {
        byte[] original = new byte[1000];
        new Random(7).nextBytes(original);
        String encoded = Base64.getMimeEncoder().encodeToString(original);
        String spaced = "\r\n  " + encoded.replace("\r\n", " \t\r\n   ") + "\r\n\r\n";

        assertThat(TransferEncodings.decode(ascii(encoded), "base64")).isEqualTo(original);
        assertThat(TransferEncodings.decode(ascii(spaced), "base64")).isEqualTo(original);
    }

    @Test
    void base64WithOneOrTwoPaddingCharactersAndNone() throws Exception {
        assertThat(TransferEncodings.decode(ascii("aGVsbG8gd29ybGQ="), "base64")).isEqualTo(ascii("hello world"));
        assertThat(TransferEncodings.decode(ascii("aGk="), "base64")).isEqualTo(ascii("hi"));
        assertThat(TransferEncodings.decode(ascii("aA=="), "base64")).isEqualTo(ascii("h"));
        assertThat(TransferEncodings.decode(ascii("aGVs\r\nbG8="), "base64")).isEqualTo(ascii("hello"));
    }

    @Test
    void quotedPrintableSoftBreaksTrailingSpaceAndHexEscapes() throws Exception {
        String body = "Caf=C3=A9 au lait  \r\n"   // trailing spaces are not part of the text
                + "one long =\r\n"                  // soft break: the line goes on
                + "line\r\n"
                + "tab\t= \t\r\n"                   // a soft break may carry trailing whitespace
                + "=3D and =3d\r\n"
                + "broken =ZZ and = alone\r\n"     // not an escape: kept as written
                + "no break at the end";
        assertThat(new String(TransferEncodings.decode(ascii(body), "quoted-printable"), StandardCharsets.UTF_8))
                .isEqualTo("Café au lait\r\none long line\r\ntab\t= and =\r\nbroken =ZZ and = alone\r\nno break at the end");
    }

    @Test
    void quotedPrintableWithBareLineFeedsGivesCrLf() throws Exception {
        assertThat(TransferEncodings.decode(ascii("a=\nb\nc\n"), "quoted-printable")).isEqualTo(ascii("ab\r\nc\r\n"));
    }

    @Test
    void anUnknownEncodingIsNamedInTheRefusal() {
        assertThatThrownBy(() -> TransferEncodings.decode(ascii("begin 644 x"), "x-uuencode"))
                .isInstanceOf(UnknownTransferEncoding.class)
                .hasMessage("x-uuencode");
    }
}
