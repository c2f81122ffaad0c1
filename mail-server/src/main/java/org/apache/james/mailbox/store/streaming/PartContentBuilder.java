package org.apache.james.mailbox.store.streaming;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mime4j.MimeException;
import org.facteur.mailserver.mime.ImapPart;
import org.facteur.mailserver.mime.PartHeader;

/**
 * Facteur's replacement for James 3.8.1's class of the same name, which James's {@code ResultUtils} uses for every
 * FETCH of {@code BODY[section]} with a part number: {@link #parse} the message, go {@link #to} each part number in
 * turn, then read the part. James's walked mime4j's events and counted a message that is not multipart as having
 * no part: for a message whose own Content-Type is {@code message/rfc822}, {@code BODY[1]} gave the encapsulated
 * message's body instead of the whole encapsulated message, {@code BODY[1.HEADER]}, {@code BODY[1.TEXT]} and
 * {@code BODY[1.1]} were empty, and deeper numbers were off by one level (#15.7). The numbering is now
 * {@link ImapPart}'s, RFC 3501 §6.4.5's. Header fields come as a {@link PartHeader}, so that several sections of one
 * part in one FETCH each read them all, and a part without fields is told from a missing one (#15). Shadows James's
 * class (Facteur's module comes first on the class path, which {@code PackagedJarIT} checks).
 */
public class PartContentBuilder {
    private InputStream message;
    private ImapPart part;
    private boolean empty;

    public void parse(InputStream in) {
        message = in;
        part = null;
        empty = false;
    }

    /** Goes to part {@code position} (from 1) of the current part; {@link PartNotFoundException} when there is none. */
    public void to(int position) throws IOException, MimeException {
        part = current().child(position).orElseThrow(() -> new PartNotFoundException(position));
    }

    /** What the FETCH of a part that does not exist gives: nothing. */
    public void markEmpty() {
        empty = true;
    }

    /** The part's MIME header fields and body. */
    public Content getFullContent() throws IOException, MimeException, MailboxException {
        return empty ? new ByteContent(new byte[0]) : new FullByteContent(current().body(), current().mimeHeader());
    }

    /** {@code section.TEXT}: the body of the message a {@code message/rfc822} part encapsulates. */
    public Content getMessageBodyContent() throws IOException, MimeException {
        return new ByteContent(empty ? new byte[0] : current().encapsulatedBody());
    }

    /** {@code BODY[section]}: the part's body. */
    public Content getMimeBodyContent() throws IOException, MimeException {
        return new ByteContent(empty ? new byte[0] : current().body());
    }

    /** {@code section.MIME}: the part's own header fields; {@link PartHeader#NONE} when there is no such part. */
    public List<Header> getMimeHeaders() throws IOException, MimeException {
        return empty ? PartHeader.NONE : PartHeader.of(current().mimeHeader());
    }

    /**
     * {@code section.HEADER}: the header fields of the message a {@code message/rfc822} part encapsulates;
     * {@link PartHeader#NONE} when there is no such part or it is not a message.
     */
    public List<Header> getMessageHeaders() throws IOException, MimeException {
        return empty || !current().isEncapsulatedMessage() ? PartHeader.NONE : PartHeader.of(current().encapsulatedHeader());
    }

    private ImapPart current() throws IOException, MimeException {
        if (part == null) {
            try (InputStream in = message) {
                part = ImapPart.message(in.readAllBytes());
            }
        }
        return part;
    }

    /** Kept from James's class: its {@code ResultUtils} catches it to answer a missing part with nothing. */
    public static final class PartNotFoundException extends MimeException {
        private static final long serialVersionUID = 1L;
        private final int position;

        public PartNotFoundException(int position) {
            super("Part " + position + " not found.");
            this.position = position;
        }

        public int getPosition() {
            return position;
        }
    }

    /** Kept from James's class for code compiled against it; Facteur's never throws it. */
    public static final class UnexpectedEOFException extends MimeException {
        private static final long serialVersionUID = 1L;

        public UnexpectedEOFException() {
            super("Unexpected EOF");
        }
    }
}
