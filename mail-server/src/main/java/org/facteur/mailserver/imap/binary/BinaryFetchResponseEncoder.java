package org.facteur.mailserver.imap.binary;

import java.io.IOException;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.encode.FetchResponseEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.response.FetchResponse;

/**
 * Writes FETCH replies in place of James's {@link FetchResponseEncoder}, which still writes them all: a reply holding
 * BINARY items goes through a composer that writes {@code BINARY.SIZE[part]} as a number and puts {@code ~} before
 * the literal of a {@code BINARY[part]} that needs a literal8 (RFC 3516 §4.2); any other reply goes straight.
 */
public final class BinaryFetchResponseEncoder implements ImapResponseEncoder<FetchResponse> {
    private final FetchResponseEncoder james = new FetchResponseEncoder();

    @Inject
    public BinaryFetchResponseEncoder() {
    }

    @Override
    public Class<FetchResponse> acceptableMessages() {
        return FetchResponse.class;
    }

    @Override
    public void encode(FetchResponse message, ImapResponseComposer composer) throws IOException {
        james.encode(message, hasBinaryItems(message) ? new BinaryItems(composer) : composer);
    }

    private static boolean hasBinaryItems(FetchResponse message) {
        if (message.getElements() == null) {
            return false;
        }
        for (FetchResponse.BodyElement element : message.getElements()) {
            if (element instanceof BinarySize || element instanceof BinaryContent) {
                return true;
            }
        }
        return false;
    }

    /** Passes everything on, except the literals of BINARY items. */
    private static final class BinaryItems implements ImapResponseComposer {
        private final ImapResponseComposer out;

        BinaryItems(ImapResponseComposer out) {
            this.out = out;
        }

        @Override
        public ImapResponseComposer literal(Literal literal) throws IOException {
            if (literal instanceof BinarySize size) {
                out.message(size.decodedSize());
            } else if (literal instanceof BinaryContent content && content.needsLiteral8()) {
                out.message("~");
                out.skipNextSpace();
                out.literal(literal);
            } else {
                out.literal(literal);
            }
            return this;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public ImapResponseComposer untaggedNoResponse(String displayMessage, String responseCode) throws IOException {
            out.untaggedNoResponse(displayMessage, responseCode);
            return this;
        }

        @Override
        public ImapResponseComposer flags(Flags flags) throws IOException {
            out.flags(flags);
            return this;
        }

        @Override
        public ImapResponseComposer nil() throws IOException {
            out.nil();
            return this;
        }

        @Override
        public ImapResponseComposer untaggedResponse(String message) throws IOException {
            out.untaggedResponse(message);
            return this;
        }

        @Override
        public ImapResponseComposer untagged() throws IOException {
            out.untagged();
            return this;
        }

        @Override
        public ImapResponseComposer commandName(ImapCommand command) throws IOException {
            out.commandName(command);
            return this;
        }

        @Override
        public ImapResponseComposer message(String message) throws IOException {
            out.message(message);
            return this;
        }

        @Override
        public ImapResponseComposer message(byte[] message) throws IOException {
            out.message(message);
            return this;
        }

        @Override
        public ImapResponseComposer message(long number) throws IOException {
            out.message(number);
            return this;
        }

        @Override
        public ImapResponseComposer mailbox(String mailboxName) throws IOException {
            out.mailbox(mailboxName);
            return this;
        }

        @Override
        public ImapResponseComposer sequenceSet(UidRange[] ranges) throws IOException {
            out.sequenceSet(ranges);
            return this;
        }

        @Override
        public ImapResponseComposer sequenceSet(IdRange[] ranges) throws IOException {
            out.sequenceSet(ranges);
            return this;
        }

        @Override
        public ImapResponseComposer end() throws IOException {
            out.end();
            return this;
        }

        @Override
        public ImapResponseComposer tag(Tag tag) throws IOException {
            out.tag(tag);
            return this;
        }

        @Override
        public ImapResponseComposer quote(String message) throws IOException {
            out.quote(message);
            return this;
        }

        @Override
        public ImapResponseComposer quote(char message) throws IOException {
            out.quote(message);
            return this;
        }

        @Override
        public ImapResponseComposer openParen() throws IOException {
            out.openParen();
            return this;
        }

        @Override
        public ImapResponseComposer closeParen() throws IOException {
            out.closeParen();
            return this;
        }

        @Override
        public ImapResponseComposer quoteUpperCaseAscii(String message) throws IOException {
            out.quoteUpperCaseAscii(message);
            return this;
        }

        @Override
        public ImapResponseComposer skipNextSpace() throws IOException {
            out.skipNextSpace();
            return this;
        }

        @Override
        public ImapResponseComposer continuationResponse(String message) throws IOException {
            out.continuationResponse(message);
            return this;
        }

        @Override
        public ImapResponseComposer continuationResponse() throws IOException {
            out.continuationResponse();
            return this;
        }

        @Override
        public ImapResponseComposer closeSquareBracket() throws IOException {
            out.closeSquareBracket();
            return this;
        }

        @Override
        public ImapResponseComposer openSquareBracket() throws IOException {
            out.openSquareBracket();
            return this;
        }
    }
}
