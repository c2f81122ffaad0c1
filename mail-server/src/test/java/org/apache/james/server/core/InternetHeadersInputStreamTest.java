package org.apache.james.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** Header bytes survive James's rewriting of a changed message (#15.2): this class shadows James's own. */
class InternetHeadersInputStreamTest {
    private static final String RAW = "From: Trésorier <t@example.org>\r\nSubject: Réunion du trésorier — ordre du jour ✓ 日本\r\n"
            + "X-Latin1: caf\u00e9\r\n\r\nbody\r\n";

    @Test
    void theClassJamesLoadsIsFacteursOne() {
        assertThat(InternetHeadersInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("james-server-core");
    }

    @Test
    void aChangedMessageKeepsItsRawUtf8AndLatin1HeaderBytes() throws Exception {
        byte[] utf8 = RAW.replace("caf\u00e9", "").getBytes(StandardCharsets.UTF_8);
        byte[] latin1Line = "X-Old: caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] input = new byte[utf8.length + latin1Line.length];
        System.arraycopy(latin1Line, 0, input, 0, latin1Line.length);
        System.arraycopy(utf8, 0, input, latin1Line.length, utf8.length);

        MimeMessageWrapper message = new MimeMessageWrapper(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(input)));
        message.addHeader("Delivered-To", "bob@example.org");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("Subject: Réunion du trésorier — ordre du jour ✓ 日本\r\n", "Delivered-To: bob@example.org")
                .doesNotContain("R??union");
        byte[] bytes = out.toByteArray();
        assertThat(indexOf(bytes, latin1Line)).as("the Latin-1 line, byte for byte").isGreaterThanOrEqualTo(0);
    }

    @Test
    void unicodeSetByCodeIsWrittenAsUtf8() throws Exception {
        byte[] line = org.facteur.mailserver.mime.HeaderBytes.of("X-Tag: équipe ✓");
        assertThat(line).isEqualTo(concat("X-Tag: \u00e9quipe ".getBytes(StandardCharsets.ISO_8859_1),
                "✓".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
