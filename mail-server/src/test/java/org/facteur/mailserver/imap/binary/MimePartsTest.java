package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Part numbers as RFC 3501 §6.4.5 gives them, on the bytes of a stored message. */
class MimePartsTest {
    private static final String FORWARDED = "From: sub@example.org\r\nSubject: inner\r\n"
            + "Content-Type: multipart/alternative; boundary=\"in\"\r\n\r\n"
            + "inner preamble\r\n--in\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "plain =3D text\r\n--in\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--in--\r\n";
    private static final String MESSAGE = "From: a@example.org\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed;\r\n boundary=\"out\r\n er\"\r\n\r\n"
            + "preamble\r\n"
            + "--out er\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n"
            + "--out er  \r\n"                                   // transport padding after a delimiter
            + "Content-Type: message/rfc822\r\n\r\n" + FORWARDED
            + "\r\n--out er\r\n\r\nno header: text/plain, 7bit\r\n"
            + "--out er--\r\nepilogue\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String body(String message, int... path) {
        return MimeParts.locate(bytes(message), path)
                .map(p -> new String(p.body(), StandardCharsets.ISO_8859_1) + " [" + p.transferEncoding() + "]")
                .orElse("(none)");
    }

    @Test
    void partsOfAMultipartWithAFoldedBoundaryAndPadding() {
        assertThat(body(MESSAGE, 1)).isEqualTo("aGVsbG8= [base64]");
        assertThat(body(MESSAGE, 2)).isEqualTo(FORWARDED + " []");
        assertThat(body(MESSAGE, 3)).isEqualTo("no header: text/plain, 7bit []");
        assertThat(body(MESSAGE, 4)).isEqualTo("(none)");
        assertThat(body(MESSAGE, 0)).isEqualTo("(none)");
    }

    @Test
    void partsOfAForwardedMessageAreNumberedAsThatMessages() {
        assertThat(body(MESSAGE, 2, 1)).isEqualTo("plain =3D text [quoted-printable]");
        assertThat(body(MESSAGE, 2, 2)).isEqualTo("<p>html</p> []");
        assertThat(body(MESSAGE, 2, 3)).isEqualTo("(none)");
        assertThat(body(MESSAGE, 1, 1)).as("a leaf has no parts").isEqualTo("(none)");
    }

    @Test
    void aMessageThatIsNotMultipartHasOnePartItsBody() {
        String single = "Subject: one\r\nContent-Transfer-Encoding: Base64 (a comment)\r\n\r\naGk=\r\n";
        assertThat(body(single, 1)).isEqualTo("aGk=\r\n [base64]");
        assertThat(body(single, 2)).isEqualTo("(none)");
        assertThat(body("Subject: no body", 1)).isEqualTo(" []");
    }

    @Test
    void aTopLevelMessageRfc822IsOpenedByItsSecondNumber() {
        String wrapper = "Subject: Fwd\r\nContent-Type: message/rfc822\r\n\r\n" + FORWARDED;
        assertThat(body(wrapper, 1)).isEqualTo(FORWARDED + " []");
        assertThat(body(wrapper, 1, 2)).isEqualTo("<p>html</p> []");
    }

    @Test
    void lineFeedsAloneAndAMissingClosingDelimiter() {
        String lf = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\n\ntwo\nlast line";
        assertThat(body(lf, 1)).isEqualTo("one []");
        assertThat(body(lf, 2)).isEqualTo("two\nlast line []");
    }

    @Test
    void aDigestsPartsAreMessagesByDefault() {
        String digest = "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: first\r\n\r\nbody one\r\n--d--\r\n";
        assertThat(body(digest, 1)).isEqualTo("Subject: first\r\n\r\nbody one []");
        assertThat(body(digest, 1, 1)).isEqualTo("body one []");
    }

    @Test
    void nestedMultipartsDoNotStopAtAnotherBoundaryThatStartsTheSame() {
        String nested = "Content-Type: multipart/mixed; boundary=ab\r\n\r\n"
                + "--ab\r\nContent-Type: multipart/alternative; boundary=abc\r\n\r\n"
                + "--abc\r\n\r\ninner one\r\n--abc\r\n\r\ninner two\r\n--abc--\r\n"
                + "--ab\r\n\r\nouter two\r\n--ab--\r\n";
        assertThat(body(nested, 1, 2)).isEqualTo("inner two []");
        assertThat(body(nested, 2)).isEqualTo("outer two []");
    }

    private static String rewritten(String message) {
        return new String(MimeParts.base64ForBinaryParts(bytes(message)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void binaryPartsBecomeBase64AndTheRestStaysByteForByte() {
        String message = "Subject: two\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\npreamble\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding:\r\n binary\r\nX-Keep: yes\r\n\r\n"
                + "\0\u00ff\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nnul\0here\r\n"
                + "--b--\r\nepilogue\r\n";
        assertThat(rewritten(message)).isEqualTo("Subject: two\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\npreamble\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nX-Keep: yes\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "AP8K\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nbnVsAGhlcmU=\r\n"
                + "--b--\r\nepilogue\r\n");
        assertThat(body(rewritten(message), 2)).isEqualTo("AP8K [base64]");
    }

    @Test
    void aMessageWithoutBinaryPartsIsTheSameArray() {
        byte[] plain = bytes(MESSAGE);
        assertThat(MimeParts.base64ForBinaryParts(plain)).isSameAs(plain);
        String single = "Content-Transfer-Encoding: binary\r\n\r\n\0-\u00e4\n\r\n\n";
        assertThat(rewritten(single)).isEqualTo("Content-Transfer-Encoding: base64\r\n\r\nAC3kCg0KCg==");
    }

    @Test
    void aLargeBinaryPartIsWrittenInBase64AsTheMimeEncoderWritesIt() throws Exception {
        int line = 57;
        int chunk = line * 1024;
        for (int size : new int[] {0, 1, line - 1, line, line + 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 58}) {
            byte[] body = new byte[size];
            for (int i = 0; i < size; i++) {
                body[i] = (byte) (i * 31);
            }
            byte[] header = bytes("Content-Transfer-Encoding: binary\r\n\r\n");
            byte[] message = Arrays.copyOf(header, header.length + size);
            System.arraycopy(body, 0, message, header.length, size);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertThat(MimeParts.writeWithBase64ForBinaryParts(message, out)).isTrue();
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("a body of %d bytes", size)
                    .isEqualTo("Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(body));
        }
    }

    @Test
    void writingAMessageWithoutBinaryPartsWritesItAsItIs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MimeParts.writeWithBase64ForBinaryParts(bytes(MESSAGE), out)).isFalse();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(MESSAGE);
    }
}
