package org.apache.james.mailbox.store.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;
import org.junit.jupiter.api.Test;

/** FETCH part numbers of message/rfc822 messages (#15.7): this class shadows James's own. */
class PartContentBuilderTest {
    private static final String MESSAGE = "Subject: Fwd\r\nContent-Type: message/rfc822\r\n\r\n"
            + "From: Treasurer <treasurer@example.net>\r\nSubject: minutes\r\n\r\nThe minutes.\r\n";

    @Test
    void theClassJamesLoadsIsFacteursOne() {
        assertThat(PartContentBuilder.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("apache-james-mailbox-store");
    }

    @Test
    void partOneOfAMessageRfc822AnswersEachSectionAsJamesAsksForIt() throws Exception {
        assertThat(builderAtPartOne().getMessageHeaders()).extracting(Header::getName).containsExactly("From", "Subject");
        assertThat(builderAtPartOne().getMimeHeaders()).extracting(Header::getName).containsExactly("Subject", "Content-Type");
        assertThat(new String(builderAtPartOne().getMessageBodyContent().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII)).isEqualTo("The minutes.\r\n");
        assertThat(builderAtPartOne().getMimeBodyContent().size()).isEqualTo(MESSAGE.length() - MESSAGE.indexOf("From:"));
    }

    @Test
    void aMissingPartIsReportedForJamesToAnswerItWithNothing() throws Exception {
        PartContentBuilder builder = builderAtPartOne();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.to(2))
                .isInstanceOf(PartContentBuilder.PartNotFoundException.class);
        builder.markEmpty();
        assertThat(builder.getMimeBodyContent().size()).isZero();
        assertThat(builder.getMessageHeaders()).isEmpty();
        assertThat(builder.getMimeHeaders()).isSameAs(PartHeader.NONE);
    }

    @Test
    void aPartWithoutHeaderFieldsHasAnEmptyHeaderThatExists() throws Exception {
        PartContentBuilder builder = new PartContentBuilder();
        builder.parse(new ByteArrayInputStream(("Content-Type: multipart/mixed; boundary=m\r\n\r\n"
                + "--m\r\n\r\nNo header fields.\r\n--m--\r\n").getBytes(StandardCharsets.US_ASCII)));
        builder.to(1);

        assertThat(builder.getMimeHeaders()).isEmpty();
        assertThat(builder.getMimeHeaders()).isInstanceOfSatisfying(PartHeader.class, header -> assertThat(header.exists()).isTrue());
    }

    private static PartContentBuilder builderAtPartOne() throws Exception {
        PartContentBuilder builder = new PartContentBuilder();
        builder.parse(new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
        builder.to(1);
        return builder;
    }
}
