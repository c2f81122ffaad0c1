package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class AttachmentTextTest {

    private static String text(AttachmentText.Kind kind, byte[] bytes) {
        return SearchText.normalize(AttachmentText.extract(kind, new ByteArrayInputStream(bytes), AttachmentText.MAX_TEXT));
    }

    @Test
    void kindComesFromTheTypeOrTheFileName() {
        assertThat(AttachmentText.kind("application/pdf", null)).contains(AttachmentText.Kind.PDF);
        assertThat(AttachmentText.kind("application/octet-stream", "Rapport.PDF")).contains(AttachmentText.Kind.PDF);
        assertThat(AttachmentText.kind("application/octet-stream", null)).contains(AttachmentText.Kind.PDF); // if %PDF-
        assertThat(AttachmentText.kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", null))
                .contains(AttachmentText.Kind.OFFICE);
        assertThat(AttachmentText.kind("application/vnd.oasis.opendocument.spreadsheet", null)).contains(AttachmentText.Kind.OFFICE);
        assertThat(AttachmentText.kind("application/octet-stream", "slides.pptx")).contains(AttachmentText.Kind.OFFICE);
        assertThat(AttachmentText.kind("application/zip", "archive.zip")).isEmpty();
        assertThat(AttachmentText.kind("image/png", "photo.png")).isEmpty();
        assertThat(AttachmentText.kind("application/octet-stream", "photo.png")).isEmpty();
    }

    @Test
    void pdfTextIsExtractedPageByPage() throws Exception {
        byte[] pdf = Documents.pdf("Minutes of the quokka committee\nsecond line", "Page two speaks of wombats");
        assertThat(text(AttachmentText.Kind.PDF, pdf)).contains("minutes of the quokka committee", "second line", "wombats");
    }

    @Test
    void aPdfProtectedOnlyByAnOwnerPasswordIsRead() throws Exception {
        byte[] pdf = Documents.encryptedPdf(null, "owner-secret", "numbat census");
        assertThat(text(AttachmentText.Kind.PDF, pdf)).contains("numbat census");
    }

    @Test
    void aPdfThatNeedsAPasswordIsSkipped() throws Exception {
        byte[] pdf = Documents.encryptedPdf("user-secret", "owner-secret", "hidden bilby plans");
        assertThat(text(AttachmentText.Kind.PDF, pdf)).isEmpty();
    }

    @Test
    void aBrokenPdfIsSkipped() throws Exception {
        byte[] pdf = Documents.pdf("truncated echidna");
        assertThat(text(AttachmentText.Kind.PDF, Arrays.copyOf(pdf, pdf.length / 2))).doesNotContain("echidna");
        assertThat(text(AttachmentText.Kind.PDF, "%PDF-1.4\n\u0001\u0002 garbage".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(text(AttachmentText.Kind.PDF, "not a pdf at all".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aRealPdfFromDebianIsRead() throws Exception {
        Path spec = Path.of("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf");
        assumeTrue(Files.isReadable(spec), "package shared-mime-info's documentation is not installed");
        assertThat(text(AttachmentText.Kind.PDF, Files.readAllBytes(spec))).contains("shared mime-info database", "glob");
    }

    @Test
    void officeDocumentsAreReadAsTheirXml() throws Exception {
        assertThat(text(AttachmentText.Kind.OFFICE, Documents.docx("The platy|pus budget", "Tom & Jerry <3", "été à Liège")))
                .contains("the platypus budget", "tom & jerry <3", "été à liège");
        assertThat(text(AttachmentText.Kind.OFFICE, Documents.xlsx("inline dingo", "wallaby count", "koala")))
                .contains("wallaby count", "koala", "inline dingo");
        assertThat(text(AttachmentText.Kind.OFFICE, Documents.pptx("first slide cassowary", "second slide emu")))
                .contains("first slide cassowary", "second slide emu");
        String odt = text(AttachmentText.Kind.OFFICE, Documents.odf("application/vnd.oasis.opendocument.text",
                "Assemblée |générale~ du tapir", "second paragraph"));
        assertThat(odt).contains("assemblée générale du tapir", "second paragraph").doesNotContain("stylename", "stylesonly");
        assertThat(text(AttachmentText.Kind.OFFICE, Documents.odf("application/vnd.oasis.opendocument.spreadsheet", "cell quoll")))
                .contains("cell quoll");
    }

    @Test
    void paragraphsDoNotRunTogether() throws Exception {
        assertThat(text(AttachmentText.Kind.OFFICE, Documents.docx("alpha", "beta"))).contains("alpha beta").doesNotContain("alphabeta");
    }

    @Test
    void aZipBombStopsAtTheRatioBound() throws Exception {
        // word/document.xml inflates to 256 MiB of one repeated run (about 250 KiB compressed).
        byte[] bomb = zipWithHugeEntry("word/document.xml", "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>",
                256L << 20, "</w:t></w:r></w:p></w:body></w:document>");
        long start = System.nanoTime();
        String text = AttachmentText.extract(AttachmentText.Kind.OFFICE, new ByteArrayInputStream(bomb), AttachmentText.MAX_TEXT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(text.length()).isLessThanOrEqualTo(AttachmentText.MAX_TEXT);
        assertThat(ms).isLessThan(3_000);
    }

    @Test
    void entriesThatHoldNoTextAreNeverInflated() throws Exception {
        // The first entry's deflated data is broken: inflating it (as ZipInputStream does to skip it) would fail.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String media = "word/media/image1.bin";
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(media));
            zip.write(new byte[64 * 1024]);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(Documents.utf8("<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>after the bomb: bandicoot</w:t></w:r></w:p></w:body></w:document>"));
            zip.closeEntry();
        }
        byte[] zip = out.toByteArray();
        Arrays.fill(zip, 30 + media.length(), 30 + media.length() + 8, (byte) 0xff); // deflate block type 3: invalid
        assertThat(text(AttachmentText.Kind.OFFICE, zip)).contains("bandicoot");
    }

    @Test
    void textIsBoundedPerAttachment() throws Exception {
        String page = "lorem ipsum dolor sit amet ".repeat(100);
        byte[] pdf = Documents.pdf(page, page, page, page);
        String text = AttachmentText.extract(AttachmentText.Kind.PDF, new ByteArrayInputStream(pdf), 1000);
        assertThat(text).hasSizeLessThanOrEqualTo(1000).contains("lorem ipsum");
        String docx = AttachmentText.extract(AttachmentText.Kind.OFFICE, new ByteArrayInputStream(Documents.docx(page, page)), 500);
        assertThat(docx).hasSizeLessThanOrEqualTo(500).contains("lorem ipsum");
    }

    @Test
    void inputOverTheSizeBoundIsNotRead() throws Exception {
        byte[] big = new byte[AttachmentText.MAX_INPUT + 1];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        assertThat(AttachmentText.extract(AttachmentText.Kind.PDF, new ByteArrayInputStream(big), AttachmentText.MAX_TEXT)).isEmpty();
    }

    @Test
    void aSlowExtractionIsAbandonedAtItsDeadline() throws Exception {
        String[] pages = new String[3000];
        Arrays.fill(pages, "a page of the long report about possums");
        byte[] pdf = Documents.pdf(pages);
        long start = System.nanoTime();
        String text = AttachmentText.extract(AttachmentText.Kind.PDF, pdf, AttachmentText.MAX_TEXT, Duration.ofMillis(50));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(text).isEmpty();
        assertThat(ms).isLessThan(1_000);
        // Given time, the same file is read.
        assertThat(AttachmentText.extract(AttachmentText.Kind.PDF, pdf, AttachmentText.MAX_TEXT, Duration.ofSeconds(30))).contains("possums");
    }

    /** A zip with one deflated entry: head, {@code size} bytes of 'a', tail; written without holding it in memory. */
    private static byte[] zipWithHugeEntry(String name, String head, long size, String tail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            zip.write(Documents.utf8(head));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (long written = 0; written < size; written += chunk.length) {
                zip.write(chunk);
            }
            zip.write(Documents.utf8(tail));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
