package org.facteur.mailserver.imap;

import java.io.IOException;
import java.util.function.Predicate;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
import org.facteur.mailserver.imap.append.MultiAppendCommandParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's request decoder, reading the whole of a command it refuses. James 3.8.1 answers an unknown command, a
 * syntax error ({@code BAD}) or a command not allowed in the session's state ({@code NO}) as soon as it sees the
 * fault, and then skips one line only: when that line announced a non-synchronizing literal ({@code {N+}}, RFC 7888),
 * whose bytes the client sends without waiting, those bytes were run as commands. {@code SEARCH TEXT {20+}} before a
 * SELECT, with {@code w CREATE Injected} as its text, created the mailbox; the same with a message sent by APPEND after
 * a failed LOGIN would run the lines of the message. Dovecot reads such a literal and drops it.
 *
 * <p>Here, after a refusal, the rest of the command is read: each non-synchronizing literal announced at the end of a
 * line, and the line after it. A synchronizing literal ({@code {N}}) is not asked for, so the client does not send it
 * (RFC 3501 §7.5) and its next command follows; {@link LiteralGuard} and {@link CommandSequencer}, which counted the
 * literal to come, are told ({@code withdrawLiteral}). Should one of them already have asked for it, it is read too.
 *
 * <p>When the rest of the command is not all in yet, James's frame decoder calls this decoder again from the
 * command's start once more bytes come; the refusal is then not decoded again (James counts unknown commands), the
 * command is read through from its start. As {@link MultiAppendCommandParser} does, the size still needed is reported
 * as unknown while the command fits in {@value MultiAppendCommandParser#IN_MEMORY_COMMAND_BYTES} bytes, so that the
 * frame decoder consumes the end of the line as after any command.
 */
final class RefusedCommandDecoder implements ImapDecoder {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefusedCommandDecoder.class);
    private static final String PENDING_REFUSAL = "facteur.refused-command";

    private final ImapDecoder james;
    private final Predicate<ImapSession> withdrawLiteral;

    RefusedCommandDecoder(ImapDecoder james) {
        this(james, RefusedCommandDecoder::withdrawFromTheConnection);
    }

    /**
     * @param withdrawLiteral told that the synchronizing literal at the end of the refused command will not come;
     *                        answers false when the client was asked for it all the same
     */
    RefusedCommandDecoder(ImapDecoder james, Predicate<ImapSession> withdrawLiteral) {
        this.james = james;
        this.withdrawLiteral = withdrawLiteral;
    }

    private static boolean withdrawFromTheConnection(ImapSession session) {
        if (!LiteralGuard.withdrawLiteral(session)) {
            return false;
        }
        CommandSequencer.withdrawLiteral(session);
        return true;
    }

    @Override
    public ImapMessage decode(ImapRequestLineReader request, ImapSession session) {
        ImapMessage refusal = (ImapMessage) session.getAttribute(PENDING_REFUSAL);
        if (refusal == null) {
            ImapMessage message = james.decode(request, session);
            if (message instanceof ImapRequest || session.getState() == ImapSessionState.LOGOUT) {
                return message;
            }
            refusal = message;
            session.setAttribute(PENDING_REFUSAL, refusal);
        }
        readToTheEnd(request, session);
        session.setAttribute(PENDING_REFUSAL, null);
        return refusal;
    }

    /**
     * Reads the lines left of the command, and the non-synchronizing literals between them, up to the line feed that
     * ends it, which is left for James's frame decoder to consume.
     */
    private void readToTheEnd(ImapRequestLineReader request, ImapSession session) {
        long literalBytes = 0;
        try {
            while (true) {
                LiteralAnnouncement literal = LiteralAnnouncement.endingLine(restOfLine(request));
                if (!literal.announced() || literal.synchronizing() && withdrawLiteral.test(session)) {
                    return;
                }
                request.consume();   // the line feed before the literal
                int size = Math.toIntExact(literal.size());   // LiteralGuard refused any larger
                try {
                    request.read(size, false);   // in memory, or skipped in the file James spilled the command to
                } catch (NotEnoughDataException e) {
                    throw MultiAppendCommandParser.stillNeeded(e, literalBytes);
                }
                literalBytes += size;
            }
        } catch (IOException e) {   // DecodingException is one
            LOGGER.debug("Could not read the rest of a refused command; James skips its line", e);
        }
    }

    /** The characters up to the line feed, which is looked at, not consumed. */
    private static CharSequence restOfLine(ImapRequestLineReader request) throws IOException {
        StringBuilder tail = new StringBuilder();
        for (char next = request.nextChar(); next != '\n'; next = request.nextChar()) {
            tail.append(request.consume());
            if (tail.length() > 64) {
                tail.delete(0, tail.length() - 32);
            }
        }
        return tail;
    }
}
