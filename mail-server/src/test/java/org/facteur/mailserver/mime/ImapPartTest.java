package org.facteur.mailserver.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.james.mailbox.model.Header;
import org.junit.jupiter.api.Test;

/** Part numbers as RFC 3501 §6.4.5 and Dovecot give them (#15.7); {@code FetchMessageRfc822IT} checks them over IMAP. */
class ImapPartTest {
    private static final String INNER = "From: Treasurer <treasurer@example.net>\r\nSubject: minutes\r\n\r\nThe minutes.\r\n";

    @Test
    void aMessageThatIsNotMultipartHasOnePartItsBody() throws Exception {
        ImapPart message = ImapPart.message(bytes("Subject: plain\r\n\r\nHello\r\n"));
        ImapPart one = message.child(1).orElseThrow();
        assertThat(text(one.body())).isEqualTo("Hello\r\n");
        assertThat(one.mimeHeader()).extracting(Header::getName).containsExactly("Subject");
        assertThat(message.child(2)).isEmpty();
        assertThat(one.child(1)).isEmpty();
    }

    @Test
    void partOneOfATopLevelMessageRfc822IsTheWholeEncapsulatedMessage() throws Exception {
        ImapPart message = ImapPart.message(bytes("Subject: Fwd\r\nContent-Type: message/rfc822\r\n\r\n" + INNER));
        ImapPart one = message.child(1).orElseThrow();
        assertThat(text(one.body())).isEqualTo(INNER);
        assertThat(one.encapsulatedHeader()).extracting(Header::getValue)
                .containsExactly("Treasurer <treasurer@example.net>", "minutes");
        assertThat(text(one.encapsulatedBody())).isEqualTo("The minutes.\r\n");
        assertThat(text(one.child(1).orElseThrow().body())).isEqualTo("The minutes.\r\n");
        assertThat(one.child(2)).isEmpty();
    }

    @Test
    void nestedMessagesGoOneLevelPerPartNumber() throws Exception {
        ImapPart message = ImapPart.message(bytes("Content-Type: message/rfc822\r\n\r\n"
                + "Subject: middle\r\nContent-Type: message/rfc822\r\n\r\n" + INNER));
        ImapPart middle = message.child(1).orElseThrow();
        ImapPart inner = middle.child(1).orElseThrow();
        assertThat(text(inner.body())).isEqualTo(INNER);
        assertThat(inner.encapsulatedHeader()).extracting(Header::getValue).contains("minutes");
        assertThat(text(inner.child(1).orElseThrow().body())).isEqualTo("The minutes.\r\n");
    }

    @Test
    void partsOfADigestAreMessagesByDefault() throws Exception {
        ImapPart message = ImapPart.message(bytes("Content-Type: message/rfc822\r\n\r\n"
                + "Subject: digest\r\nContent-Type: multipart/digest; boundary=\"d\"\r\n\r\npreamble\r\n"
                + "--d\r\n\r\n" + INNER + "\r\n--d\r\nX-Mime: second\r\n\r\nSubject: two\r\n\r\nTwo.\r\n\r\n--d--\r\n"));
        ImapPart digest = message.child(1).orElseThrow();
        ImapPart first = digest.child(1).orElseThrow();
        assertThat(text(first.body())).isEqualTo(INNER);
        assertThat(first.mimeHeader()).isEmpty();
        assertThat(text(first.encapsulatedBody())).isEqualTo("The minutes.\r\n");
        ImapPart second = digest.child(2).orElseThrow();
        assertThat(second.mimeHeader()).extracting(Header::getValue).containsExactly("second");
        assertThat(text(second.body())).isEqualTo("Subject: two\r\n\r\nTwo.\r\n");
        assertThat(digest.child(3)).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
