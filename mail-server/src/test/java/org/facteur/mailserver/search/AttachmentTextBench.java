package org.facteur.mailserver.search;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/**
 * How long {@link AttachmentText} takes on typical attachments: a PDF and a .docx of about 100 KiB of text-heavy
 * content each, median of 30 runs after 10 of warm-up; then what a mail carrying both costs the indexer's extraction,
 * with the files read and with the same files as opaque attachments. With an argument N, also how long a PDF of N
 * one-line pages takes without the time bound. Run from the test classpath:
 * {@code java -cp <test classpath> org.facteur.mailserver.search.AttachmentTextBench}.
 */
public final class AttachmentTextBench {
    private AttachmentTextBench() {
    }

    public static void main(String[] args) throws Exception {
        // Words drawn at random from a vocabulary, so that the files compress like real prose, not like a repetition.
        Random random = new Random(17);
        String[] words = IndexSizeBench.vocabulary(random, 5000);
        String[] pages = new String[Integer.parseInt(System.getProperty("pages", "35"))];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = lines(random, words, 45);
        }
        byte[] pdf = Documents.pdf(pages);
        String[] paragraphs = new String[Integer.parseInt(System.getProperty("paragraphs", "1900"))];
        for (int p = 0; p < paragraphs.length; p++) {
            paragraphs[p] = lines(random, words, 1);
        }
        byte[] docx = Documents.docx(paragraphs);
        report("PDF", AttachmentText.Kind.PDF, pdf);
        report("docx", AttachmentText.Kind.OFFICE, docx);
        // What the indexer spends per message: the same mail with both files as documents, then as opaque .bin files
        // (what every attachment was before extraction).
        report("message, PDF + docx read", message(pdf, "application/pdf", "r.pdf", docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "m.docx"));
        report("message, same files opaque", message(pdf, "application/octet-stream", "r.bin", docx,
                "application/octet-stream", "m.bin"));
        if (args.length > 0) {
            String[] slow = new String[Integer.parseInt(args[0])];
            Arrays.fill(slow, System.getProperty("page", "possum possum"));
            byte[] big = Documents.pdf(slow);
            long start = System.nanoTime();
            String text = AttachmentText.extract(AttachmentText.Kind.PDF, big, AttachmentText.MAX_TEXT, Duration.ofSeconds(60));
            System.out.printf("PDF of %d pages, %d KiB: %d chars in %d ms%n", slow.length, big.length / 1024, text.length(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String lines(Random random, String[] words, int count) {
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < count; l++) {
            for (int w = 0; w < 14; w++) {
                b.append(words[random.nextInt(words.length)]).append(' ');
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private static byte[] message(byte[] first, String firstType, String firstName, byte[] second, String secondType,
                                  String secondName) {
        StringBuilder b = new StringBuilder("From: a@example.org\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n");
        for (Object[] part : new Object[][] {{first, firstType, firstName}, {second, secondType, secondName}}) {
            b.append("--b\r\nContent-Type: ").append(part[1]).append("\r\nContent-Disposition: attachment; filename=\"")
                    .append(part[2]).append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString((byte[]) part[0])).append("\r\n");
        }
        return b.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void report(String name, byte[] message) {
        long[] ns = new long[30];
        for (int i = -10; i < ns.length; i++) {
            long start = System.nanoTime();
            MessageTextExtractor.extract(new ByteArrayInputStream(message));
            if (i >= 0) {
                ns[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(ns);
        System.out.printf("%s (%d KiB): median %.1f ms, so %.0f such messages/s on one indexer thread%n", name,
                message.length / 1024, ns[ns.length / 2] / 1e6, 1e9 / ns[ns.length / 2]);
    }

    private static void report(String name, AttachmentText.Kind kind, byte[] bytes) {
        long[] ms = new long[30];
        int chars = 0;
        for (int i = -10; i < ms.length; i++) {
            long start = System.nanoTime();
            chars = AttachmentText.extract(kind, new ByteArrayInputStream(bytes), AttachmentText.MAX_TEXT).length();
            if (i >= 0) {
                ms[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%s of %d KiB: %d chars, median %.1f ms, max %.1f ms%n", name, bytes.length / 1024, chars,
                ms[ms.length / 2] / 1e6, ms[ms.length - 1] / 1e6);
    }
}
