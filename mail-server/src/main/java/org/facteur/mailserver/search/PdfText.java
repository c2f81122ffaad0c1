package org.facteur.mailserver.search;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF with Apache PDFBox: pages in order, until the text bound or the deadline, which are checked on
 * every page and every string (a 10,000-page file stops there, not at its end). The document is opened with the empty
 * password, so a file protected only by an owner password is read and one that needs a user password is refused
 * (an exception, which the caller turns into no text). PDFBox's stream cache is in memory only (no temporary file
 * holds the document) and limited to {@link #MAX_MEMORY} bytes.
 */
final class PdfText {
    /** Memory PDFBox's stream cache may use. */
    static final long MAX_MEMORY = 64L * 1024 * 1024;

    private PdfText() {
    }

    static String extract(byte[] pdf, int maxChars, long deadline) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(MAX_MEMORY).streamCache)) {
            AttachmentText.check(deadline);
            Bounded out = new Bounded(maxChars);
            Stripper stripper = new Stripper(deadline);
            try {
                stripper.writeText(doc, out);
            } catch (AttachmentText.Stop e) {
                if (!out.full()) {
                    throw e; // deadline: the caller gives up on this file
                }
            }
            return out.text();
        }
    }

    private static final class Stripper extends PDFTextStripper {
        private final long deadline;

        Stripper(long deadline) {
            this.deadline = deadline;
            setSortByPosition(false);
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            AttachmentText.check(deadline);
            super.startPage(page);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            AttachmentText.check(deadline);
            super.writeString(text, positions);
        }
    }

    /** A writer that keeps at most {@code max} characters and stops the extraction once it holds them. */
    static final class Bounded extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int max;

        Bounded(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int room = max - text.length();
            text.append(cbuf, off, Math.min(room, len));
            if (len >= room) {
                throw new AttachmentText.Stop("text bound reached");
            }
        }

        boolean full() {
            return text.length() >= max;
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
