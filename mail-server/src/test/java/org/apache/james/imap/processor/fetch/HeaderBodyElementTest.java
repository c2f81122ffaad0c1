package org.apache.james.imap.processor.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;
import org.junit.jupiter.api.Test;

/** A part's {@code HEADER} and {@code HEADER.FIELDS}, whatever else the FETCH asks (#15): shadows James's class. */
class HeaderBodyElementTest {

    @Test
    void theClassJamesLoadsIsFacteursOne() {
        assertThat(HeaderBodyElement.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("protocols-imap");
    }

    @Test
    void aPartsHeaderWithoutFieldsIsTheEmptyLineEvenWhenJamesFindsNoBody() throws Exception {
        HeaderBodyElement header = new HeaderBodyElement("BODY[2.HEADER.FIELDS (X-None)]", PartHeader.of(List.of()));
        header.noBody();

        assertThat(bytes(header)).isEqualTo("\r\n");
    }

    @Test
    void noHeaderIsNothingEvenWhenJamesFindsABody() throws Exception {
        assertThat(bytes(new HeaderBodyElement("BODY[1.HEADER]", PartHeader.NONE))).isEmpty();
    }

    @Test
    void theWholeMessagesFieldsAreAsJamesSentThem() throws Exception {
        assertThat(bytes(new HeaderBodyElement("BODY[HEADER.FIELDS (Subject)]", List.of(new Header("Subject", "minutes")))))
                .isEqualTo("Subject: minutes\r\n\r\n");
        assertThat(bytes(new HeaderBodyElement("BODY[HEADER.FIELDS (X-None)]", List.of()))).isEqualTo("\r\n");
        HeaderBodyElement emptyMessage = new HeaderBodyElement("BODY[HEADER.FIELDS (X-None)]", List.of());
        emptyMessage.noBody();
        assertThat(bytes(emptyMessage)).isEmpty();
    }

    private static String bytes(MimeBodyElement element) throws Exception {
        return new String(element.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
