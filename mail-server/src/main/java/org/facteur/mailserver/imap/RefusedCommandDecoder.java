package org.facteur.mailserver.imap;

import java.io.IOException;
import java.util.function.Predicate;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
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
 * <p>Here, after a refusal, the rest of the command is read: each literal announced at the end of a line, and the line
 * after it. A synchronizing literal ({@code {N}}) that nothing follows yet was, as a rule, not asked for, so the client
 * does not send it (RFC 3501 §7.5) and its next command follows: {@link LiteralGuard} and {@link CommandSequencer},
 * which counted the literal to come, are told. Should {@link LiteralGuard} have asked for it, or the client have sent
 * bytes after it anyway, it is awaited and read.
 *
 * <p>When the rest of the command is not all in yet, James's frame decoder calls this decoder again from the
 * command's start once more bytes come; the refusal is then not decoded again (James counts unknown commands), the
 * command is read through from its start. The size still needed is reported as unknown, so that the frame decoder
 * keeps the command in memory and consumes the end of its line as after any command. Since each read of the client's
 * then costs a pass over what came of the command, a refused command is read past up to
 * {@value #REFUSED_COMMAND_BYTES} bytes (lines and literals): a larger one ends the session with {@code * BYE} (an
 * APPEND of a larger message sent with LITERAL+ after a failed LOGIN, say). Larger ones James would also write to a
 * temporary file and decode alone. A withdrawn literal is not read, so its size does not count. A command that James
 * itself wrote to such a file before refusing it keeps James's handling.
 */
final class RefusedCommandDecoder implements ImapDecoder {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefusedCommandDecoder.class);
    private static final String PENDING_REFUSAL = "facteur.refused-command";
    private static final int BYTES_AFTER_A_LITERAL = 2;
    /**
     * How much of a refused command is read past: James's frame decoder decodes it again from its start at each read
     * of the client's, so what each read costs grows with it (James's longest command line is 64 KiB as well).
     */
    static final int REFUSED_COMMAND_BYTES = 64 * 1024;
    private static final HumanReadableText TOO_LARGE = new HumanReadableText("org.facteur.imap.REFUSED_TOO_LARGE",
            "The command was refused, and it is too large to read past: closing the connection");

    private final ImapDecoder james;
    private final Predicate<ImapSession> withdrawLiteral;

    RefusedCommandDecoder(ImapDecoder james) {
        this(james, RefusedCommandDecoder::withdrawFromTheConnection);
    }

    /**
     * @param withdrawLiteral told that the synchronizing literal announced last, which nothing follows, will not come;
     *                        answers false when it will all the same (it was asked for, or bytes came after it)
     */
    RefusedCommandDecoder(ImapDecoder james, Predicate<ImapSession> withdrawLiteral) {
        this.james = james;
        this.withdrawLiteral = withdrawLiteral;
    }

    /** Withdraws the literal from both handlers that follow the client's stream, when both agree it will not come. */
    private static boolean withdrawFromTheConnection(ImapSession session) {
        LiteralGuard guard = LiteralGuard.of(session);
        CommandSequencer sequencer = CommandSequencer.of(session);
        if (sequencer != null && !sequencer.literalWithdrawable()
                || guard != null && !guard.literalWithdrawable(sequencer == null ? -1 : sequencer.forwarded())) {
            return false;
        }
        if (guard != null) {
            guard.withdrawLiteral();
        }
        if (sequencer != null) {
            sequencer.withdrawLiteral();
        }
        return true;
    }

    @Override
    public ImapMessage decode(ImapRequestLineReader request, ImapSession session) {
        ImapMessage refusal = (ImapMessage) session.getAttribute(PENDING_REFUSAL);
        if (refusal == null) {
            ImapMessage message = james.decode(request, session);
            if (message instanceof ImapRequest || session.getState() == ImapSessionState.LOGOUT
                    || !(request instanceof NettyImapRequestLineReader)) {
                return message;
            }
            refusal = message;
            session.setAttribute(PENDING_REFUSAL, refusal);
        }
        boolean whole = readToTheEnd(request, session);
        session.setAttribute(PENDING_REFUSAL, null);
        if (!whole) {
            throw tooLarge(session);
        }
        return refusal;
    }

    /**
     * Logs the session out and says BYE from the connection, which stops being read: James's frame decoder could not
     * always consume the end of the command's line (it may have none yet), and would go on reading a client that keeps
     * sending. The frame decoder is told to wait; the session being logged out, it decodes nothing more.
     */
    private static NotEnoughDataException tooLarge(ImapSession session) {
        try {
            session.logout().block();
        } catch (RuntimeException e) {
            LOGGER.debug("Could not log out a session whose refused command was too large", e);
        }
        CommandSequencer.closeConnection(session, "* BYE " + TOO_LARGE.getDefaultValue() + "\r\n");
        return new NotEnoughDataException();
    }

    /**
     * Reads the lines left of the command, and the literals between them, up to the line feed that ends it, which is
     * left for James's frame decoder to consume.
     *
     * @return false when the command is too large to be read in memory
     */
    private boolean readToTheEnd(ImapRequestLineReader request, ImapSession session) {
        long[] commandBytes = {0};
        try {
            while (true) {
                CharSequence line = restOfLine(request, commandBytes);
                if (line == null) {
                    return false;
                }
                LiteralAnnouncement literal = LiteralAnnouncement.endingLine(line);
                if (!literal.announced()) {
                    return true;
                }
                boolean fits = literal.size() + commandBytes[0] + BYTES_AFTER_A_LITERAL
                        <= REFUSED_COMMAND_BYTES;
                int size = fits ? (int) literal.size() : 0;
                if (!literal.synchronizing() || literal.size() == 0) {
                    if (literal.synchronizing() && withdrawLiteral.test(session)) {
                        return true;
                    }
                    if (!fits) {
                        return false;
                    }
                    request.consume();   // the line feed before the literal
                    readInMemory(request, size);
                } else if (firstByteRead(request)) {
                    if (!fits) {
                        return false;
                    }
                    readInMemory(request, size - 1);
                } else if (withdrawLiteral.test(session)) {
                    return true;   // withdrawn, whatever its size: nothing of it is read
                } else if (!fits) {
                    return false;
                } else {
                    throw new NotEnoughDataException();   // asked for: it will come
                }
                commandBytes[0] += size;
            }
        } catch (IOException e) {   // DecodingException is one
            LOGGER.debug("Could not read the rest of a refused command; James skips its line", e);
            return true;
        }
    }

    /**
     * Reads the line feed the reader looks at and the literal's first byte, or leaves the reader as it is when nothing
     * follows the line feed yet: James's netty reader checks that the bytes asked for are there before it moves. A
     * synchronizing literal followed by nothing is the one announced last, which may not have been asked for.
     */
    private static boolean firstByteRead(ImapRequestLineReader request) throws IOException {
        try {
            request.read(1, false);
            return true;
        } catch (NotEnoughDataException e) {
            return false;
        }
    }

    /** Reads {@code size} bytes, or asks for more data without saying how much, so that it stays in memory. */
    private static void readInMemory(ImapRequestLineReader request, int size) throws IOException {
        if (size == 0) {
            return;
        }
        try {
            request.read(size, false);
        } catch (NotEnoughDataException e) {
            throw new NotEnoughDataException();
        }
    }

    /**
     * The characters up to the line feed, which is looked at, not consumed (the last few: enough for an announcement),
     * counted in {@code commandBytes}; null once the command passes what is kept in memory.
     */
    private static CharSequence restOfLine(ImapRequestLineReader request, long[] commandBytes) throws IOException {
        StringBuilder tail = new StringBuilder();
        for (char next = request.nextChar(); next != '\n'; next = request.nextChar()) {
            tail.append(request.consume());
            if (++commandBytes[0] > REFUSED_COMMAND_BYTES) {
                return null;
            }
            if (tail.length() > 64) {
                tail.delete(0, tail.length() - 32);
            }
        }
        return tail;
    }
}
