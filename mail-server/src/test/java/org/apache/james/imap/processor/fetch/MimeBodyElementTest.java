package org.apache.james.imap.processor.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;
import org.junit.jupiter.api.Test;

/** {@code BODY[n.MIME]}: the part's header fields and the empty line that ends them (#15). */
class MimeBodyElementTest {

    @Test
    void fieldsThenTheEmptyLine() throws Exception {
        assertThat(bytes(new MimeBodyElement("BODY[1.MIME]", PartHeader.of(List.of(new Header("Content-Type", "text/plain"))))))
                .isEqualTo("Content-Type: text/plain\r\n\r\n");
    }

    @Test
    void aPartWithoutHeaderFieldsHasTheEmptyLine() throws Exception {
        MimeBodyElement mime = new MimeBodyElement("BODY[2.MIME]", PartHeader.of(List.of()));

        assertThat(mime.size()).isEqualTo(2);
        assertThat(bytes(mime)).isEqualTo("\r\n");
    }

    @Test
    void aPartThatDoesNotExistHasNothing() throws Exception {
        assertThat(new MimeBodyElement("BODY[4.MIME]", PartHeader.NONE).size()).isZero();
        assertThat(bytes(new MimeBodyElement("BODY[4.MIME]", PartHeader.NONE))).isEmpty();
        assertThat(new MimeBodyElement("BODY[4.MIME]", List.of()).size()).isZero();
    }

    private static String bytes(MimeBodyElement element) throws Exception {
        return new String(element.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
