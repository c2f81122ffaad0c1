package org.facteur.mailserver.imap;

import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import jakarta.mail.internet.MimeUtility;

import org.apache.james.imap.message.response.FetchResponse;

/**
 * The ENVELOPE of a message whose Subject or display names are raw 8-bit (UTF-8 per RFC 6532, or an old client's
 * Latin-1), with those texts as RFC 2047 encoded words. James 3.8.1 writes envelope strings as US-ASCII, so each
 * such byte came out as {@code ?}; a quoted string may not hold 8-bit bytes anyway (RFC 3501 §9) unless the client
 * enabled UTF8=ACCEPT. Mail clients decode encoded words in ENVELOPE (Jakarta Mail's getSubject does). Addresses,
 * dates and message ids are left as they are.
 */
final class EightBitEnvelope implements FetchResponse.Envelope {
    private static final int BYTES_PER_WORD = 45; // 60 base64 chars: "=?UTF-8?B?" + 60 + "?=" stays under 75 (RFC 2047 §2)

    private final FetchResponse.Envelope james;

    private EightBitEnvelope(FetchResponse.Envelope james) {
        this.james = james;
    }

    /** The envelope to send: {@code james}'s own when nothing in it is 8-bit. */
    static FetchResponse.Envelope of(FetchResponse.Envelope envelope) {
        if (envelope == null || !(eightBit(envelope.getSubject()) || eightBit(envelope.getFrom())
                || eightBit(envelope.getSender()) || eightBit(envelope.getReplyTo()) || eightBit(envelope.getTo())
                || eightBit(envelope.getCc()) || eightBit(envelope.getBcc()))) {
            return envelope;
        }
        return new EightBitEnvelope(envelope);
    }

    // Plain loops: these run for every envelope of every FETCH, and almost always find nothing.
    private static boolean eightBit(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static boolean eightBit(Address[] addresses) {
        if (addresses == null) {
            return false;
        }
        for (Address address : addresses) {
            String name = address.getPersonalName();
            if (name != null && (eightBit(name) || name.contains("=?"))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 2047 "B" words of the text's bytes, read as UTF-8 when they are UTF-8, else as ISO-8859-1. */
    static String encodedWords(String text) {
        if (!eightBit(text)) {
            return text;
        }
        String decoded = utf8ReadAsLatin1(text)
                ? new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : text;
        StringBuilder words = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < decoded.length(); ) {
            int cp = decoded.codePointAt(i);
            int size = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + size > BYTES_PER_WORD) {
                appendWord(words, chunk);
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.appendCodePoint(cp);
            chunkBytes += size;
            i += Character.charCount(cp);
        }
        appendWord(words, chunk);
        return words.toString();
    }

    private static void appendWord(StringBuilder words, CharSequence chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!words.isEmpty()) {
            words.append(' ');
        }
        words.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                .append("?=");
    }

    /** True when the text's chars are bytes (all below 256) that form UTF-8 with at least one multi-byte sequence. */
    static boolean utf8ReadAsLatin1(String text) {
        if (!eightBit(text) || text.chars().anyMatch(c -> c > 0xff)) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static Address[] named(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        return Arrays.stream(addresses).map(EncodedName::new).toArray(Address[]::new);
    }

    @Override
    public String getDate() {
        return james.getDate();
    }

    @Override
    public String getSubject() {
        return encodedWords(james.getSubject());
    }

    @Override
    public Address[] getFrom() {
        return named(james.getFrom());
    }

    @Override
    public Address[] getSender() {
        return named(james.getSender());
    }

    @Override
    public Address[] getReplyTo() {
        return named(james.getReplyTo());
    }

    @Override
    public Address[] getTo() {
        return named(james.getTo());
    }

    @Override
    public Address[] getCc() {
        return named(james.getCc());
    }

    @Override
    public Address[] getBcc() {
        return named(james.getBcc());
    }

    @Override
    public String getInReplyTo() {
        return james.getInReplyTo();
    }

    @Override
    public String getMessageId() {
        return james.getMessageId();
    }

    private record EncodedName(Address james) implements Address {
        /**
         * James encodes a display name itself, as ISO-8859-1 words when every char fits: a raw UTF-8 name, read one
         * char per byte, came out as {@code TrÃ©sorier}. Such a name is sent again as UTF-8 words.
         */
        @Override
        public String getPersonalName() {
            String name = james.getPersonalName();
            if (name == null || eightBit(name)) {
                return name == null ? null : encodedWords(name);
            }
            if (!name.contains("=?")) {
                return name;
            }
            try {
                String decoded = MimeUtility.decodeText(name);
                return utf8ReadAsLatin1(decoded) ? encodedWords(decoded) : name;
            } catch (UnsupportedEncodingException unknownCharset) {
                return name;
            }
        }

        @Override
        public String getAtDomainList() {
            return james.getAtDomainList();
        }

        @Override
        public String getMailboxName() {
            return james.getMailboxName();
        }

        @Override
        public String getHostName() {
            return james.getHostName();
        }
    }
}
