package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class MessageTextExtractorTest {

    private static MessageText extract(String message) throws Exception {
        return MessageTextExtractor.extract(new ByteArrayInputStream(
                message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headersAreDecodedAndUnfolded() throws Exception {
        MessageText text = extract("""
                From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.be>
                Subject: =?UTF-8?B?w4lsZWN0aW9ucw==?= du
                 comité
                X-Raw: Zoé

                body
                """);
        assertThat(text.first("from")).contains("André <andre@example.be>");
        assertThat(text.first("Subject")).contains("Élections du comité");
        assertThat(text.first("X-RAW")).contains("Zoé");
    }

    @Test
    void bodyIsDecodedFromItsTransferEncodingAndCharsetAndNormalised() throws Exception {
        MessageText text = extract("""
                Subject: qp
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Caf=E9 CR=C8ME
                and   more
                """);
        assertThat(text.body()).contains("café crème and more");
    }

    @Test
    void htmlBecomesTextWithoutScriptsStylesOrMarkup() throws Exception {
        MessageText text = extract("""
                Content-Type: text/html

                <html><head><style>p{}</style></head><body><script>var secret=1;</script><p>Hello&nbsp;<b>world</b> &amp; &#233;t&eacute;</p></body></html>
                """);
        assertThat(text.body()).contains("hello world & été").doesNotContain("secret").doesNotContain("<p>");
    }

    @Test
    void attachmentsGiveTheirNamesAndTextAndAttachedMessagesTheirHeadersAndText() throws Exception {
        MessageText text = extract("""
                Subject: outer
                Content-Type: multipart/mixed; boundary=x

                --x
                Content-Type: text/plain

                see attachments
                --x
                Content-Type: text/plain; name="notes.txt"
                Content-Disposition: attachment; filename="=?UTF-8?Q?r=C3=A9sum=C3=A9.txt?="

                kangaroo notes
                --x
                Content-Type: message/rfc822

                Subject: inner tortoise

                platypus
                --x--
                """);
        assertThat(text.hasAttachment()).isTrue();
        assertThat(text.attachmentNames()).containsExactly("résumé.txt");
        assertThat(text.attachmentText()).contains("kangaroo notes");
        assertThat(text.body()).contains("see attachments").contains("kangaroo notes")
                .contains("subject: inner tortoise").contains("platypus");
        assertThat(text.values("Subject")).containsExactly("outer");
    }

    @Test
    void aPartWhoseBase64BreaksOffKeepsTheRestOfTheMessageSearchable() throws Exception {
        // '=' before the end makes mime4j's base64 decoder return zero bytes, which the reader reports as an error.
        MessageText text = extract("""
                Subject: broken
                Content-Type: multipart/mixed; boundary=x

                --x
                Content-Type: text/plain

                readable wombat
                --x
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                aGVsbG8=ZZ=abc
                --x--
                """);
        assertThat(text.body()).contains("readable wombat");
        assertThat(text.first("Subject")).contains("broken");
    }

    @Test
    void aMessageWithoutAttachmentsSaysSo() throws Exception {
        assertThat(extract("Subject: s\n\nplain\n").hasAttachment()).isFalse();
    }

    @Test
    void documentsAttachedToAMessageAreBodyAndAttachmentText() throws Exception {
        String message = """
                From: a@example.org
                Subject: report

                --b
                Content-Type: text/plain

                see attached
                --b
                Content-Type: application/pdf; name="r.pdf"
                Content-Disposition: attachment; filename="r.pdf"
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: application/octet-stream; name="notes.docx"
                Content-Disposition: attachment; filename="notes.docx"
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: application/pdf; name="broken.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQKAQI=
                --b--
                """.formatted(Base64.getMimeEncoder().encodeToString(Documents.pdf("pdf word xylophonist")),
                Base64.getMimeEncoder().encodeToString(Documents.docx("docx word zeugmatic")));
        message = message.replaceFirst("Subject: report\n", "Subject: report\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n");
        MessageText text = MessageTextExtractor.extract(new ByteArrayInputStream(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(text.body()).contains("see attached", "pdf word xylophonist", "docx word zeugmatic");
        assertThat(text.attachmentText()).contains("xylophonist", "zeugmatic").doesNotContain("see attached");
        assertThat(text.attachmentNames()).containsExactly("r.pdf", "notes.docx", "broken.pdf");
    }
}
