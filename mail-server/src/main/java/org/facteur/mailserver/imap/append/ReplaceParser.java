package org.facteur.mailserver.imap.append;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ReplaceCommandParser;
import org.apache.james.imap.message.request.ReplaceRequest;
import org.facteur.mailserver.imap.BadCommand;
import org.facteur.mailserver.imap.SystemFlags;

/**
 * REPLACE and UID REPLACE (RFC 8508 §3.1, §5): {@code REPLACE seq-number SP mailbox SP append-message}, the message read
 * as APPEND reads one ({@link AppendMessageReader}: literal8, a bare line feed after the literal, {@code \Recent} refused
 * once the literal is read, so that none of its bytes is taken for a command). {@code *} names the last message (or the
 * highest UID) and is passed on as {@link #LAST}; a number must be RFC 3501's nz-number. James 3.8.1's own parser read no {@code *}, no literal8, and reported
 * a missing literal as its APPEND did (a bare line feed after it then waited for another byte).
 *
 * <p>It extends James's parser only so that {@code UID REPLACE} reaches it: James's {@code UID} command passes on only
 * to a parser of its own UID-capable kind.
 */
public final class ReplaceParser extends ReplaceCommandParser {
    /** The id of a REPLACE of {@code *}: the last message, or the message with the highest UID. */
    public static final long LAST = Long.MAX_VALUE;
    private static final long MAX_NUMBER = 4_294_967_295L;

    private final AppendMessageReader reader;

    @Inject
    public ReplaceParser(StatusResponseFactory statusResponseFactory, Clock clock) {
        super(statusResponseFactory, clock);
        this.reader = new AppendMessageReader(clock, "REPLACE");
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        long id = id(request);
        String mailboxName = request.mailbox();
        AppendedMessage message = reader.message(request, 0);
        try {
            request.eol();
        } catch (DecodingException | RuntimeException e) {
            CommandLiterals.release(List.of(message.content()));
            throw e;
        }
        Optional<String> unknownFlag = SystemFlags.unknown(message.flags());
        if (unknownFlag.isPresent()) {
            CommandLiterals.release(List.of(message.content()));
            throw BadCommand.decodingException("org.facteur.imap.flag.unknown", SystemFlags.sentence(unknownFlag.get()));
        }
        return new ReplaceRequest(id, mailboxName, message.flags(), message.internalDate(),
                new OnceReleasedLiteral(message.content()), tag, useUids);
    }

    private static long id(ImapRequestLineReader request) throws DecodingException {
        if (request.nextWordChar() == '*') {
            request.consume();
            if (request.nextChar() != ' ') {
                throw badId();
            }
            return LAST;
        }
        String digits;
        try {
            digits = request.consumeWord(c -> c >= '0' && c <= '9');
        } catch (DecodingException e) {
            throw badId();
        }
        // RFC 3501's nz-number: no leading zero, at most 4294967295 (James's reader would let a longer number wrap)
        if (digits.isEmpty() || digits.charAt(0) == '0' || digits.length() > 10 || Long.parseLong(digits) > MAX_NUMBER) {
            throw badId();
        }
        return Long.parseLong(digits);
    }

    /** Without the command's name, which James writes before the sentence ({@code BAD REPLACE expects …}). */
    private static DecodingException badId() {
        return BadCommand.decodingException("org.facteur.imap.replace.syntax",
                "expects the number of the message to replace (1 to 4294967295, or *), then the mailbox and "
                        + "the new message, like REPLACE 3 Drafts {42}");
    }
}
