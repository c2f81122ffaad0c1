package org.facteur.mailserver.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mailbox.model.Header;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * One part of a message as IMAP numbers them in {@code BODY[section]} (RFC 3501 §6.4.5, RFC 9051 §6.4.5): the parts
 * of a multipart are numbered from 1; a message that is not multipart has a single part 1, its body, whose MIME
 * header is the message's header; the parts of a {@code message/rfc822} part are those of the message it
 * encapsulates. {@link #encapsulatedHeader()} and {@link #encapsulatedBody()} answer {@code section.HEADER} and
 * {@code section.TEXT} of a {@code message/rfc822} part. Bytes are the stored ones (bodies are not decoded).
 */
public final class ImapPart {
    private static final String RFC822 = "message/rfc822";
    private static final String TEXT_PLAIN = "text/plain";

    private final byte[] raw;
    private final List<Header> header;
    private final byte[] body;
    private final String mimeType;
    private final boolean wholeMessage;

    private ImapPart(byte[] raw, List<Header> header, byte[] body, String mimeType, boolean wholeMessage) {
        this.raw = raw;
        this.header = header;
        this.body = body;
        this.mimeType = mimeType;
        this.wholeMessage = wholeMessage;
    }

    /** The whole message (header and body), before any part number. */
    public static ImapPart message(byte[] raw) throws IOException, MimeException {
        return parse(raw, TEXT_PLAIN, true);
    }

    /** Part {@code number} (from 1) of this message or part, if there is one. */
    public Optional<ImapPart> child(int number) throws IOException, MimeException {
        if (isMultipart()) {
            return bodyPart(number);
        }
        if (wholeMessage) {
            return number == 1 ? Optional.of(new ImapPart(raw, header, body, mimeType, false)) : Optional.empty();
        }
        if (isEncapsulatedMessage()) {
            return message(body).child(number);
        }
        return Optional.empty();
    }

    /** The part's own header fields ({@code section.MIME}). */
    public List<Header> mimeHeader() {
        return header;
    }

    /** The part's body ({@code BODY[section]}): for a {@code message/rfc822} part, the whole encapsulated message. */
    public byte[] body() {
        return body.clone();
    }

    /** The header fields of the encapsulated message ({@code section.HEADER}); none unless {@code message/rfc822}. */
    public List<Header> encapsulatedHeader() throws IOException, MimeException {
        return isEncapsulatedMessage() ? message(body).header : List.of();
    }

    /** The body of the encapsulated message ({@code section.TEXT}); empty unless {@code message/rfc822}. */
    public byte[] encapsulatedBody() throws IOException, MimeException {
        return isEncapsulatedMessage() ? message(body).body : new byte[0];
    }

    private boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }

    /** Whether this part is a {@code message/rfc822}, the only kind with a {@code section.HEADER} and {@code TEXT}. */
    public boolean isEncapsulatedMessage() {
        return mimeType.equals(RFC822);
    }

    /**
     * Body part {@code number} of a multipart, read on its own (the others are only skipped over); in a
     * multipart/digest, parts are messages by default.
     */
    private Optional<ImapPart> bodyPart(int number) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.setRecursionMode(RecursionMode.M_RAW);
        stream.parse(new ByteArrayInputStream(raw));
        int seen = 0;
        for (EntityState state = stream.next(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            if (state == EntityState.T_RAW_ENTITY && ++seen == number) {
                String defaultType = mimeType.equals("multipart/digest") ? RFC822 : TEXT_PLAIN;
                return Optional.of(parse(stream.getInputStream().readAllBytes(), defaultType, false));
            }
        }
        return Optional.empty();
    }

    private static ImapPart parse(byte[] raw, String defaultType, boolean wholeMessage) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.setRecursionMode(RecursionMode.M_FLAT);
        stream.parse(new ByteArrayInputStream(raw));
        List<Header> fields = new ArrayList<>();
        boolean typed = false;
        for (EntityState state = stream.next(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            if (state == EntityState.T_FIELD) {
                Field field = stream.getField();
                fields.add(new Header(field.getName(), field.getBody().trim()));
                typed |= field.getName().equalsIgnoreCase("Content-Type");
            } else if (state == EntityState.T_BODY) {
                String type = typed ? stream.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT) : defaultType;
                return new ImapPart(raw, List.copyOf(fields), stream.getInputStream().readAllBytes(), type, wholeMessage);
            }
        }
        return new ImapPart(raw, List.copyOf(fields), new byte[0], defaultType, wholeMessage);
    }
}
