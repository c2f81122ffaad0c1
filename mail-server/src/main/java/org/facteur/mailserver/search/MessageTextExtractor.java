package org.facteur.mailserver.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads a message once, streaming, into its {@link MessageText}. Text is bounded: at most {@link #MAX_TEXT} characters
 * of body text and as many of attachment text are kept per message (what lies beyond is not searchable); a part in
 * an unknown charset is read as UTF-8, and a message mime4j cannot finish still gives what was read before the fault.
 * The text of PDF and office attachments ({@link AttachmentText}, bounded in size and time) is part of the body text
 * and of the attachment text. The indexer and a search reading an unindexed message from the store both call this,
 * so the text a candidate is verified against is the text it was indexed by.
 */
public final class MessageTextExtractor {
    /** Characters of body text kept per message (4 Mi characters, far beyond any letter a person writes). */
    public static final int MAX_TEXT = 4 * 1024 * 1024;
    /**
     * Time given to the PDF and office attachments of one message together (each has at most
     * {@link AttachmentText#MAX_TIME}): the documents still waiting when it runs out give no text.
     */
    static final Duration MAX_DOCUMENT_TIME = Duration.ofSeconds(15);
    /** Header fields kept per message. */
    static final int MAX_HEADERS = 1000;

    private MessageTextExtractor() {
    }

    public static MessageText extract(InputStream message) {
        Handler handler = new Handler();
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        parser.setRecurse();
        parser.setContentHandler(handler);
        try {
            parser.parse(message);
        } catch (MimeException | IOException | RuntimeException | StackOverflowError e) {
            // Keep what was read: search should still find the message by what it could parse. (mime4j's base64
            // decoder fails on a part with '=' before its end; thousands of nested multiparts overflow its stack.)
        }
        return handler.result();
    }

    /** A line break followed by white space: a folded header line (RFC 5322 §2.2.3). */
    private static final Pattern FOLDING = Pattern.compile("\r?\n(?=[ \t])");

    /** A raw header field's value: UTF-8 if it is valid UTF-8 (RFC 6532), else Latin-1; unfolded; encoded words decoded. */
    static String decodeValue(byte[] raw, int from) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, from, raw.length - from)).toString();
        } catch (CharacterCodingException e) {
            text = new String(raw, from, raw.length - from, StandardCharsets.ISO_8859_1);
        }
        String unfolded = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
                : FOLDING.matcher(text).replaceAll("").replace("\r", "").replace("\n", "");
        return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT).trim();
    }

    private enum Level { MESSAGE, PART }

    private static final class Handler extends AbstractContentHandler {
        private final List<MessageText.Header> headers = new ArrayList<>();
        private final StringBuilder body = new StringBuilder();
        private final StringBuilder attachments = new StringBuilder();
        private final List<String> names = new ArrayList<>();
        private final Deque<Level> levels = new ArrayDeque<>();
        private int messageDepth;
        private boolean hasAttachment;
        /** When the time given to this message's documents runs out ({@link System#nanoTime()}). */
        private final long documentDeadline = System.nanoTime() + MAX_DOCUMENT_TIME.toNanos();

        MessageText result() {
            return new MessageText(headers, SearchText.normalize(body.toString()), SearchText.normalize(attachments.toString()),
                    names, hasAttachment);
        }

        @Override
        public void startMessage() {
            levels.push(Level.MESSAGE);
            messageDepth++;
        }

        @Override
        public void endMessage() {
            levels.poll();
            messageDepth--;
        }

        @Override
        public void startBodyPart() {
            levels.push(Level.PART);
        }

        @Override
        public void endBodyPart() {
            levels.poll();
        }

        @Override
        public void field(Field field) {
            if (levels.peek() != Level.MESSAGE) {
                return; // a body part's MIME header: its file name is taken from the body descriptor
            }
            byte[] raw = field.getRaw() == null ? null : field.getRaw().toByteArray();
            String name = field.getName();
            String value;
            if (raw != null) {
                int colon = indexOf(raw, (byte) ':');
                value = colon < 0 ? "" : decodeValue(raw, colon + 1);
            } else {
                value = DecoderUtil.decodeEncodedWords(field.getBody() == null ? "" : field.getBody(), DecodeMonitor.SILENT).trim();
            }
            if (messageDepth <= 1) {
                if (headers.size() < MAX_HEADERS) {
                    headers.add(new MessageText.Header(name, value));
                }
            } else {
                append(body, name + ": " + value + "\n");
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            String mimeType = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            String fileName = null;
            boolean attachment = false;
            if (bd instanceof MaximalBodyDescriptor d) {
                fileName = d.getContentDispositionFilename();
                if (fileName == null && d.getContentTypeParameters() != null) {
                    fileName = d.getContentTypeParameters().get("name");
                }
                attachment = "attachment".equalsIgnoreCase(d.getContentDispositionType()) || fileName != null;
            }
            boolean part = levels.peek() == Level.PART;
            if (part && attachment) {
                hasAttachment = true;
                if (fileName != null) {
                    names.add(DecoderUtil.decodeEncodedWords(fileName, DecodeMonitor.SILENT));
                }
            }
            if (!mimeType.startsWith("text/")) {
                Optional<AttachmentText.Kind> kind = AttachmentText.kind(mimeType, fileName);
                long left = documentDeadline - System.nanoTime();
                if (kind.isPresent() && left > 0) {
                    // PDF and office documents: their text is body text too (BODY and TEXT find it), bounded.
                    String text = AttachmentText.extract(kind.get(), is, MAX_TEXT - attachments.length(),
                            Duration.ofNanos(Math.min(left, AttachmentText.MAX_TIME.toNanos())));
                    if (!text.isEmpty()) {
                        append(body, text);
                        append(body, "\n");
                        append(attachments, text);
                        append(attachments, "\n");
                    }
                }
                return;
            }
            String text = read(is, charset(bd.getCharset()), MAX_TEXT - body.length());
            if (mimeType.equals("text/html")) {
                text = HtmlText.toText(text);
            }
            append(body, text);
            append(body, "\n");
            if (part && attachment) {
                append(attachments, text);
                append(attachments, "\n");
            }
        }

        private static void append(StringBuilder to, String text) {
            int room = MAX_TEXT - to.length();
            if (room > 0) {
                to.append(text, 0, Math.min(room, text.length()));
            }
        }

        private static int indexOf(byte[] raw, byte b) {
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset c = Charset.forName(name.trim());
            // US-ASCII declared over 8-bit text is common; UTF-8 reads ASCII the same and the rest better.
            return c.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : c;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String read(InputStream is, Charset charset, int max) throws IOException {
        if (max <= 0) {
            return "";
        }
        Reader reader = new InputStreamReader(is, charset);
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        try {
            while (b.length() < max && (n = reader.read(buf, 0, Math.min(buf.length, max - b.length()))) > 0) {
                b.append(buf, 0, n);
            }
        } catch (IOException e) {
            // A part whose encoding breaks off: its text up to there is what can be searched.
        }
        return b.toString();
    }
}
