package org.facteur.mailserver.imap.append;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;

import javax.mail.Flags;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.DecoderUtils;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.Literal;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
import org.facteur.mailserver.imap.BadCommand;
import org.facteur.mailserver.imap.binary.BinaryAppends;

/**
 * Reads one message of a command that uploads messages (RFC 4466's {@code append-message}: {@code [flag-list SP]
 * [date-time SP] literal}), for APPEND ({@link MultiAppendCommandParser}) and REPLACE ({@link ReplaceParser}), which
 * RFC 8508 §3.1 gives the same arguments: a literal {@code {N}}, {@code {N+}} (RFC 7888) or literal8 {@code ~{N}}
 * (RFC 3516 §4.4), the flags kept with {@code \Recent} for the caller to refuse once the literal is read, and what is
 * missing reported as {@link MultiAppendCommandParser} explains.
 */
final class AppendMessageReader {
    private static final int BYTES_AFTER_A_LITERAL = 2;

    private final Clock clock;
    private final String command;

    AppendMessageReader(Clock clock, String command) {
        this.clock = clock;
        this.command = command;
    }

    /** The next message; {@code earlierLiteralBytes}: the bytes of the command's literals already read. */
    AppendedMessage message(ImapRequestLineReader request, long earlierLiteralBytes) throws DecodingException {
        Flags flags = request.nextWordChar() == '(' ? flagList(request) : new Flags();
        LocalDateTime internalDate = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
        char next = request.nextWordChar();
        boolean literal8 = next == '~';
        if (literal8) {
            request.consume();
            next = request.nextChar();
        }
        if (next != '{') {
            throw syntax("expects each message as a literal, like {42} or ~{42}, after its optional flags "
                    + "in parentheses and date in quotes; found '" + next + "'");
        }
        Literal content;
        try {
            content = request.consumeLiteral(false).getRight();
            if (literal8) {
                content = BinaryAppends.storable(content);
            }
        } catch (NotEnoughDataException e) {
            throw stillNeeded(e, earlierLiteralBytes);
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read an " + command + " literal", e);
        }
        return new AppendedMessage(flags, Date.from(internalDate.atZone(ZoneId.systemDefault()).toInstant()), content);
    }

    /**
     * James's flag list, except that {@code \Recent}, which James refuses as soon as it reads it (before the literal, so
     * that the bytes of a non-synchronizing literal were then read as commands), is kept like any other unknown system
     * flag and refused with them once the literals are read.
     */
    private Flags flagList(ImapRequestLineReader request) throws DecodingException {
        Flags flags = new Flags();
        request.nextWordChar();
        request.consumeChar('(');
        while (request.nextChar() != ')') {
            String flag = request.consumeWord(ImapRequestLineReader.NoopCharValidator.INSTANCE, true);
            if (flag.isEmpty()) {
                throw syntax("expects flags in parentheses, like (\\Seen $Work)");
            }
            if (flag.equalsIgnoreCase("\\Recent")) {
                flags.add(flag);
            } else {
                DecoderUtils.setFlag(flag, flags);
            }
            request.nextWordChar();
        }
        request.consumeChar(')');
        return flags;
    }

    /**
     * What to tell James's frame decoder is missing when a literal is not all in (see {@link MultiAppendCommandParser}),
     * given the bytes of the command's literals already read, which James's reader does not count.
     */
    private static NotEnoughDataException stillNeeded(NotEnoughDataException e, long earlierLiteralBytes) {
        if (e.getNeededSize() == NotEnoughDataException.UNKNOWN_SIZE) {
            return e;
        }
        long command = e.getNeededSize() + earlierLiteralBytes + BYTES_AFTER_A_LITERAL;
        if (command <= MultiAppendCommandParser.IN_MEMORY_COMMAND_BYTES) {
            return new NotEnoughDataException();
        }
        return new NotEnoughDataException(Math.toIntExact(command));
    }

    /** {@code sentence} without the command's name: James writes it before the text of a tagged answer. */
    private DecodingException syntax(String sentence) {
        return BadCommand.decodingException("org.facteur.imap." + command.toLowerCase(Locale.ROOT) + ".syntax",
                sentence);
    }
}
