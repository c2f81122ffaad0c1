package org.facteur.mailserver.search;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of an office document, read with the JDK as the zipped XML it is: Word's {@code word/document.xml} (and its
 * headers, footers, footnotes and endnotes: {@code w:t}), Excel's shared strings and the inline strings of its sheets
 * ({@code t}), PowerPoint's slides and notes ({@code a:t}), and an OpenDocument's {@code content.xml} (every text
 * node of its body). Only those entries are inflated: they are found through the
 * zip's central directory and read from their own local header, so a bomb in any other entry costs nothing. Bounded: at most {@link #MAX_ENTRY} bytes inflated per entry
 * and {@link #MAX_INFLATED} in all, at most {@link #MAX_RATIO} times the compressed size once past 1 MiB (a zip bomb
 * stops there), {@link #MAX_ENTRIES} entries, and the text bound and deadline checked on every XML event. The XML
 * parser reads no DTD and no external entity.
 */
final class OfficeText {
    static final long MAX_ENTRY = 64L * 1024 * 1024;
    static final long MAX_INFLATED = 256L * 1024 * 1024;
    static final int MAX_RATIO = 100;
    static final int MAX_ENTRIES = 10_000;
    /** Inflated bytes read before the ratio is checked (small XML entries compress well). */
    private static final long RATIO_FREE = 1024 * 1024;

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    private OfficeText() {
    }

    /** How an entry's text is found: in elements of this local name, or (ODF) in every text node. */
    private enum Reading { ELEMENT_T, ALL_TEXT }

    static String extract(byte[] zip, int maxChars, long deadline) throws IOException {
        StringBuilder text = new StringBuilder();
        long inflatedTotal = 0;
        for (Entry entry : centralDirectory(zip)) {
            AttachmentText.check(deadline);
            Reading reading = reading(entry.name());
            if (reading == null) {
                continue;
            }
            // Read this entry alone, from its local header: the others are never inflated.
            Counting raw = new Counting(new ByteArrayInputStream(zip, entry.offset(), zip.length - entry.offset()), Long.MAX_VALUE);
            try (ZipInputStream in = new ZipInputStream(raw)) {
                ZipEntry local = in.getNextEntry();
                if (local == null || !local.getName().equals(entry.name())) {
                    throw new IOException("zip entry " + entry.name() + " not where the central directory says");
                }
                Counting inflated = new Counting(in, Math.min(MAX_ENTRY, MAX_INFLATED - inflatedTotal)) {
                    @Override
                    void counted() throws IOException {
                        if (count > RATIO_FREE && count / Math.max(1, raw.count) > MAX_RATIO) {
                            throw new AttachmentText.Stop("zip entry inflates more than " + MAX_RATIO + " times");
                        }
                    }
                };
                try {
                    read(inflated, reading, text, maxChars, deadline);
                } catch (AttachmentText.Stop e) {
                    if (text.length() < maxChars) {
                        throw e;
                    }
                }
                inflatedTotal += inflated.count;
            }
            if (text.length() >= maxChars) {
                break;
            }
            text.append('\n');
        }
        return text.length() > maxChars ? text.substring(0, maxChars) : text.toString();
    }

    private record Entry(String name, int offset) {
    }

    /**
     * The entries a zip's central directory lists (name and local header offset), in its order; an exception when
     * there is no directory, more than {@link #MAX_ENTRIES} entries, or one that points outside the file.
     */
    static List<Entry> centralDirectory(byte[] zip) throws IOException {
        int eocd = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
            if (le32(zip, i) == 0x06054b50L) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IOException("no zip central directory");
        }
        int count = le16(zip, eocd + 10);
        long at = le32(zip, eocd + 16);
        if (count > MAX_ENTRIES) {
            throw new AttachmentText.Stop("more than " + MAX_ENTRIES + " zip entries");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            if (at < 0 || at + 46 > zip.length || le32(zip, (int) at) != 0x02014b50L) {
                throw new IOException("broken zip central directory");
            }
            int p = (int) at;
            int nameLength = le16(zip, p + 28);
            long offset = le32(zip, p + 42);
            if (p + 46 + nameLength > zip.length || offset >= zip.length) {
                throw new IOException("broken zip central directory");
            }
            entries.add(new Entry(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8), (int) offset));
            at = p + 46L + nameLength + le16(zip, p + 30) + le16(zip, p + 32);
        }
        return entries;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long le32(byte[] b, int i) {
        return (le16(b, i) | (long) le16(b, i + 2) << 16) & 0xffffffffL;
    }

    private static Reading reading(String name) {
        if (name.equals("word/document.xml") || name.matches("word/(header|footer)\\d*\\.xml")
                || name.equals("word/footnotes.xml") || name.equals("word/endnotes.xml")
                || name.equals("xl/sharedStrings.xml") || name.matches("xl/worksheets/sheet\\d+\\.xml")
                || name.matches("ppt/(slides/slide|notesSlides/notesSlide)\\d+\\.xml")) {
            return Reading.ELEMENT_T;
        }
        return name.equals("content.xml") ? Reading.ALL_TEXT : null;
    }

    private static void read(InputStream xml, Reading reading, StringBuilder text, int maxChars, long deadline) throws IOException {
        XMLStreamReader r;
        try {
            r = XML.createXMLStreamReader(xml);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        try {
            int depthInT = 0;
            boolean inBody = reading == Reading.ELEMENT_T;
            while (r.hasNext()) {
                AttachmentText.check(deadline);
                switch (r.next()) {
                    case XMLStreamReader.START_ELEMENT -> {
                        String local = r.getLocalName();
                        if (reading == Reading.ELEMENT_T && local.equals("t")) {
                            depthInT++;
                        } else if (reading == Reading.ALL_TEXT && local.equals("body")) {
                            inBody = true;
                        } else if (local.equals("tab") || local.equals("s") || local.equals("br")) {
                            text.append(' ');
                        }
                    }
                    case XMLStreamReader.END_ELEMENT -> {
                        String local = r.getLocalName();
                        if (local.equals("t") && depthInT > 0) {
                            depthInT--;
                        } else if (local.equals("p") || local.equals("h") || local.equals("si") || local.equals("c")
                                || local.equals("table-cell") || local.equals("tr")) {
                            text.append('\n'); // paragraphs, headings, strings and cells: words do not run across
                        }
                    }
                    case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
                        if (reading == Reading.ELEMENT_T ? depthInT > 0 : inBody) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    default -> {
                    }
                }
                if (text.length() >= maxChars) {
                    throw new AttachmentText.Stop("text bound reached");
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing held
            }
        }
    }

    /** Counts the bytes read through it and refuses to read past {@code limit}. */
    private static class Counting extends FilterInputStream {
        final long limit;
        long count;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        void counted() throws IOException {
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count >= limit) {
                if (super.read() < 0) {
                    return -1;
                }
                throw new AttachmentText.Stop("more than " + limit + " bytes inflated");
            }
            int n = super.read(b, off, (int) Math.min(len, limit - count));
            if (n > 0) {
                count += n;
                counted();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)));
        }

        @Override
        public void close() {
            // the zip stream below stays open for the next entry
        }
    }
}
