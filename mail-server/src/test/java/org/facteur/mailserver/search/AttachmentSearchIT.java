package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words that appear only inside a PDF or an office attachment are found by IMAP {@code SEARCH BODY} and {@code TEXT}
 * over a socket: once the message is indexed, and when the search reads it from the store because the indexer is
 * still busy elsewhere. A separate test from {@link SearchExactnessIT}: its judge parses with Jakarta Mail, which
 * reads no PDF, and a judge reading them with Facteur's own extractor would only agree with itself.
 */
class AttachmentSearchIT {
    private static final String USER = "carol@example.org";
    private static final String PASSWORD = "Attach-test-pass1";

    @TempDir
    Path data;

    @Test
    void wordsInsideAttachedDocumentsAreFound() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(USER, PASSWORD);
            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(imap.login(USER, PASSWORD)).startsWith("OK");
                assertThat(imap.command("CREATE Docs")).contains(" OK");
                assertThat(imap.append("Docs", message("filler", "nothing attached here"))).contains(" OK");
                assertThat(imap.append("Docs", message("report", "see the attached files",
                        pdf("report.pdf", Documents.pdf("Annual report of the xylophonist guild")),
                        docx("minutes.docx", Documents.docx("A zeug|matic proposal was adopted"))))).contains(" OK");
                assertThat(imap.command("SELECT Docs")).contains(" OK");
                assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();

                assertThat(search(imap, "BODY xylophonist")).isEqualTo("2");
                assertThat(search(imap, "TEXT \"zeugmatic proposal\"")).isEqualTo("2");
                assertThat(search(imap, "BODY \"XYLOPHONIST GUILD\"")).isEqualTo("2");
                assertThat(search(imap, "NOT BODY zeugmatic")).isEqualTo("1");
                assertThat(search(imap, "BODY \"attached files\"")).isEqualTo("2");
                assertThat(search(imap, "BODY ocarinist")).isEmpty();
                assertThat(search(imap, "OR BODY ocarinist BODY nothing")).isEqualTo("1");

                // Keep the indexer busy on INBOX (three messages of three slow PDFs: 4 s or more each on a cold JVM,
                // less once the JIT has compiled PDFBox, as in CI's one JVM for every IT, where one such message was
                // not enough), then add to Docs: the searches wait their 2 s each for Docs' indexing and read the
                // new message from the store instead.
                byte[] slow = slowPdf();
                for (int i = 0; i < 3; i++) {
                    assertThat(imap.append("INBOX", message("slow " + i, "three long PDFs", pdf("a.pdf", slow),
                            pdf("b.pdf", slow), pdf("c.pdf", slow)))).contains(" OK");
                }
                assertThat(imap.append("Docs", message("second", "more files",
                        pdf("budget.pdf", Documents.pdf("The quincunx budget")),
                        docx("plan.docx", Documents.docx("Hoist the yardarm"))))).contains(" OK");
                assertThat(imap.command("SELECT Docs")).contains(" OK");
                assertThat(search(imap, "BODY quincunx")).isEqualTo("3");
                assertThat(search(imap, "TEXT yardarm")).isEqualTo("3");
                assertThat(search(imap, "BODY xylophonist")).isEqualTo("2");
                assertThat(search(imap, "BODY ocarinist")).isEmpty();
                assertThat(server.awaitSearchIndex(Duration.ofMillis(1)))
                        .as("the indexer was still busy: those answers came from the store").isFalse();

                assertThat(server.awaitSearchIndex(Duration.ofMinutes(3))).isTrue();
                assertThat(search(imap, "BODY quincunx")).isEqualTo("3");
                assertThat(search(imap, "TEXT yardarm")).isEqualTo("3");
                assertThat(search(imap, "BODY ocarinist")).isEmpty();
            }
        }
    }

    /** The UIDs a UID SEARCH answers, space-separated ("" for none). */
    private static String search(ImapDialogue imap, String key) throws Exception {
        String reply = imap.command("UID SEARCH " + key);
        assertThat(reply).contains(" OK");
        return Arrays.stream(reply.split("\r?\n")).filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow()
                .substring("* SEARCH".length()).trim();
    }

    private static String pdf(String name, byte[] bytes) {
        return part("application/pdf", name, bytes);
    }

    private static String docx(String name, byte[] bytes) {
        return part("application/vnd.openxmlformats-officedocument.wordprocessingml.document", name, bytes);
    }

    private static String part(String type, String name, byte[] bytes) {
        return "Content-Type: " + type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name
                + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(bytes) + "\r\n";
    }

    private static byte[] message(String subject, String text, String... parts) {
        StringBuilder b = new StringBuilder("From: dave@example.org\r\nTo: " + USER + "\r\nSubject: " + subject
                + "\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n");
        if (parts.length == 0) {
            return b.append("Content-Type: text/plain\r\n\r\n").append(text).append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }
        b.append("Content-Type: multipart/mixed; boundary=\"=b=\"\r\n\r\n--=b=\r\nContent-Type: text/plain\r\n\r\n").append(text).append("\r\n");
        for (String part : parts) {
            b.append("--=b=\r\n").append(part);
        }
        return b.append("--=b=--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PDF that takes PDFBox seconds to read: 20,000 pages of one line (3.3 MB; 4.2 to 10.5 s for its 280,000
     * characters on 2 shared cores without the time bound, so about 5 s with it), little text so that the text bound
     * does not stop it first.
     */
    private static byte[] slowPdf() throws Exception {
        String[] pages = new String[20_000];
        Arrays.fill(pages, "possum possum");
        return Documents.pdf(pages);
    }
}
