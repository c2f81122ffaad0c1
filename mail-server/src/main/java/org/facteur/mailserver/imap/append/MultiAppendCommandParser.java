package org.facteur.mailserver.imap.append;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.message.request.AppendRequest;
import org.facteur.mailserver.imap.BadCommand;
import org.facteur.mailserver.imap.SystemFlags;

/**
 * APPEND with one or more messages: {@code APPEND mailbox 1*(SP [flag-list] [SP date-time] SP literal)} (RFC 3502
 * MULTIAPPEND), each literal {@code {N}}, {@code {N+}} (RFC 7888) or a literal8 {@code ~{N}} / {@code ~{N+}} (RFC 3516
 * §4.4: binary content, NUL bytes included; its binary parts are stored in base64, {@link BinaryAppends}). One message gives James's {@link AppendRequest}, so
 * the usual APPEND path is untouched; several give a {@link MultiAppendRequest}.
 *
 * <p>How much is missing is reported with care, for James 3.8.1's frame decoder:
 * <ul>
 * <li>A literal reports an unknown size while the command would fit in memory: the decoder then tries again on every
 * read. A known size counts the two bytes of a CR LF after the literal (James's own APPEND reports it so), and a
 * command ending in a bare line feed, which Dovecot and James's reader accept, then waited for one more byte: the
 * APPEND was answered only when the client sent its next command. For a later literal a known size is not safe
 * either: when a read brings part of it, the decoder goes back to the buffer's mark, which reading the first literal
 * moved to that literal's start (netty's {@code ByteBufInputStream} marks the buffer), and the literal's bytes are
 * then decoded as commands.</li>
 * <li>The first literal of a command over the in-memory limit reports its size plus the two bytes after it, as
 * James's own APPEND does: the command is spilled to a temporary file of that size and decoded from it alone. A bare
 * line feed there still waits for one more byte, and James's file writer then keeps that byte and drops the rest of
 * the read: the client's next command is lost (as with James's own APPEND).</li>
 * <li>A later literal that takes the command over the in-memory limit reports the size of the whole command up to
 * two bytes after it (James's reader counts the command's characters but not the bytes of literals already read), so
 * that the spilled file holds all the messages of the command when this one is the last.</li>
 * </ul>
 */
public final class MultiAppendCommandParser extends AbstractImapCommandParser {
    /**
     * James's {@code inMemorySizeLimit} as Facteur configures it: a command needing more bytes than this is spilled to
     * a temporary file.
     */
    public static final int IN_MEMORY_COMMAND_BYTES = 1024 * 1024;

    private final AppendMessageReader reader;

    @Inject
    public MultiAppendCommandParser(StatusResponseFactory statusResponseFactory, Clock clock) {
        super(ImapConstants.APPEND_COMMAND, statusResponseFactory);
        this.reader = new AppendMessageReader(clock, "APPEND");
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String mailboxName = request.mailbox();
        List<AppendedMessage> messages = new ArrayList<>();
        try {
            do {
                messages.add(reader.message(request, literalBytes(messages)));
            } while (anotherMessageFollows(request));
        } catch (DecodingException | RuntimeException e) {
            CommandLiterals.release(messages.stream().map(AppendedMessage::content).toList());
            throw e;
        }
        // checked once every literal is read, so that none of their bytes is taken for a command
        Optional<String> unknownFlag = messages.stream().map(m -> SystemFlags.unknown(m.flags()))
                .flatMap(Optional::stream).findFirst();
        if (unknownFlag.isPresent()) {
            CommandLiterals.release(messages.stream().map(AppendedMessage::content).toList());
            throw BadCommand.decodingException("org.facteur.imap.flag.unknown", SystemFlags.sentence(unknownFlag.get()));
        }
        if (messages.size() == 1) {
            AppendedMessage only = messages.get(0);
            return new AppendRequest(mailboxName, only.flags(), only.internalDate(), only.content(), tag);
        }
        return new MultiAppendRequest(mailboxName, messages, tag);
    }

    /**
     * After a literal: a space and another message, or the end of the command. Like James's APPEND, the line feed
     * that ends the command is looked at, not consumed: James's frame decoder consumes it.
     */
    private static boolean anotherMessageFollows(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != ' ') {
            request.eol();
            return false;
        }
        char next = request.nextWordChar();
        if (next == '\r' || next == '\n') {
            request.eol();
            return false;
        }
        return true;
    }

    private static long literalBytes(List<AppendedMessage> messages) throws DecodingException {
        long total = 0;
        for (AppendedMessage message : messages) {
            try {
                total += message.content().size();
            } catch (IOException e) {
                throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not size an APPEND literal", e);
            }
        }
        return total;
    }
}
