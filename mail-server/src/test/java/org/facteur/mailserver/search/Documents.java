package org.facteur.mailserver.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Small real documents made in the tests: PDFs written with PDFBox, and OOXML and ODF files written as the zipped
 * XML that Word, Excel, PowerPoint and LibreOffice write (the parts a reader needs, nothing more).
 */
final class Documents {
    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private Documents() {
    }

    /** A PDF with one page per string, each written as lines of Helvetica; encrypted when a password is given. */
    static byte[] encryptedPdf(String userPassword, String ownerPassword, String... pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                    c.beginText();
                    c.setFont(font, 11);
                    c.setLeading(13);
                    c.newLineAtOffset(50, 740);
                    for (String line : text.split("\n")) {
                        c.showText(line);
                        c.newLine();
                    }
                    c.endText();
                }
            }
            if (userPassword != null || ownerPassword != null) {
                AccessPermission permissions = new AccessPermission();
                StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword == null ? "owner" : ownerPassword,
                        userPassword == null ? "" : userPassword, permissions);
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(String... pages) throws IOException {
        return encryptedPdf(null, null, pages);
    }

    /** A .docx whose paragraphs are the given strings; a paragraph's words split in runs where it holds a '|'. */
    static byte[] docx(String... paragraphs) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<w:p>");
            for (String run : p.split("\\|")) {
                body.append("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">").append(escape(run)).append("</w:t></w:r>");
            }
            body.append("</w:p>");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                </Types>"""));
        entries.put("word/document.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"" + W + "\"><w:body>" + body + "</w:body></w:document>"));
        return zip(entries);
    }

    /** A .xlsx with the given shared strings in its first sheet's cells, and one cell as an inline string. */
    static byte[] xlsx(String inline, String... shared) throws IOException {
        StringBuilder sst = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < shared.length; i++) {
            sst.append("<si><t>").append(escape(shared[i])).append("</t></si>");
            row.append("<c r=\"").append((char) ('A' + i)).append("1\" t=\"s\"><v>").append(i).append("</v></c>");
        }
        row.append("<c r=\"A2\" t=\"inlineStr\"><is><t>").append(escape(inline)).append("</t></is></c>");
        String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", utf8("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
        entries.put("xl/worksheets/sheet1.xml", utf8("<worksheet xmlns=\"" + ns + "\"><sheetData><row r=\"1\">" + row
                + "</row></sheetData></worksheet>"));
        entries.put("xl/sharedStrings.xml", utf8("<sst xmlns=\"" + ns + "\" count=\"" + shared.length + "\">" + sst + "</sst>"));
        return zip(entries);
    }

    /** A .pptx with one slide per string. */
    static byte[] pptx(String... slides) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", utf8("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
        for (int i = 0; i < slides.length; i++) {
            entries.put("ppt/slides/slide" + (i + 1) + ".xml", utf8("<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\""
                    + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree><p:sp><p:txBody>"
                    + "<a:p><a:r><a:t>" + escape(slides[i]) + "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"));
        }
        return zip(entries);
    }

    /** An OpenDocument (text, spreadsheet or presentation by {@code mimeType}) whose content.xml holds the paragraphs. */
    static byte[] odf(String mimeType, String... paragraphs) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<text:p text:style-name=\"P1\">").append(escape(p).replace("|", "<text:span>").replace("~", "</text:span>"))
                    .append("</text:p>");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("mimetype", utf8(mimeType));
        entries.put("content.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
                + "<office:automatic-styles><style:style xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " style:name=\"P1\">stylename</style:style></office:automatic-styles>"
                + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>"));
        entries.put("styles.xml", utf8("<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
                + "stylesonly</office:document-styles>"));
        return zip(entries);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
