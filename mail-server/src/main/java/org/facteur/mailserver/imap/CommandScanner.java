package org.facteur.mailserver.imap;

import java.util.Locale;

import io.netty.buffer.ByteBuf;

/**
 * Follows the IMAP client's byte stream (RFC 3501 §4.3, RFC 7888) and finds where each command ends: at a CRLF
 * that is not the announcement of a literal ({@code {N}} or {@code {N+}}); the N bytes of a literal are skipped,
 * so message contents are never mistaken for commands. Remembers the tag and the name of the command being read,
 * and stops at each literal announcement so that its size can be checked. One instance per connection, fed the
 * bytes in order, from one thread.
 */
final class CommandScanner {
    /** Why {@link #scan} stopped. */
    enum Stop {
        /** The bytes ran out in the middle of a command (or between commands). */
        END_OF_INPUT,
        /** A command line ended; the next byte starts a new command. */
        COMMAND_END,
        /** A line announced a literal of {@link #announced()} bytes, which follow. */
        LITERAL,
        /** A line ended in braces around something that is not a size ({@code {-1}}, {@code {}}, {@code {x}}). */
        MALFORMED_LITERAL
    }

    private static final int KEEP = 64;
    /**
     * How much of a tag is kept: all of it up to the longest line James reads (RFC 3501 sets no limit; Dovecot 2.3
     * answers a 10,000-character tag). A tagged answer that carries a cut tag is never matched by the client, which
     * then waits for it: tags were cut at 32 characters.
     */
    private static final int TAG = GuardedImapServerFactory.MAX_LINE_BYTES;
    /** How much of a command name is kept: the longest IMAP command name is shorter. */
    private static final int COMMAND = 32;
    /** A tag that long (or longer) leaves a builder that large when the next command begins: let it go. */
    private static final int TAG_CAPACITY_KEPT = 1024;

    private final StringBuilder lineTail = new StringBuilder();
    private final StringBuilder tag = new StringBuilder();
    private final StringBuilder command = new StringBuilder();
    /** 0 in the tag, 1 in the command name, 2 after it. */
    private int word;
    private boolean atCommandStart = true;
    private long literalRemaining;
    private long announced;
    private boolean synchronizing;
    /** Whether the scanner stopped at a literal announcement and has read nothing since. */
    private boolean literalUntouched;
    /** Bytes scanned since the connection began. */
    private long position;
    private Stop stop = Stop.END_OF_INPUT;

    /**
     * Reads from {@code from} up to {@code to} (exclusive) and returns the index where it stopped: just after
     * the end of a command line, after a literal announcement, or {@code to}. {@link #stop()} says which.
     */
    int scan(ByteBuf buf, int from, int to) {
        int end = scanFrom(buf, from, to);
        position += end - from;
        return end;
    }

    private int scanFrom(ByteBuf buf, int from, int to) {
        int i = from;
        if (i < to) {
            literalUntouched = false;
        }
        while (i < to) {
            if (literalRemaining > 0) {
                int skip = (int) Math.min(literalRemaining, to - i);
                i += skip;
                literalRemaining -= skip;
                continue;
            }
            char c = (char) (buf.getByte(i++) & 0xff);
            if (atCommandStart) {
                tag.setLength(0);
                if (tag.capacity() > TAG_CAPACITY_KEPT) {
                    tag.trimToSize();
                }
                command.setLength(0);
                word = 0;
                atCommandStart = false;
            }
            if (word < 2) {
                readWord(c);
            }
            if (c == '\n') {
                LiteralAnnouncement literal = LiteralAnnouncement.endingLine(lineTail);
                lineTail.setLength(0);
                if (literal.malformed()) {
                    stop = Stop.MALFORMED_LITERAL;
                } else if (literal.announced()) {
                    announced = literal.size();
                    synchronizing = literal.synchronizing();
                    literalRemaining = announced;   // the command goes on after the literal
                    literalUntouched = true;
                    stop = Stop.LITERAL;
                } else {
                    atCommandStart = true;
                    stop = Stop.COMMAND_END;
                }
                return i;
            }
            lineTail.append(c);
            if (lineTail.length() > KEEP) {
                lineTail.delete(0, lineTail.length() - KEEP);
            }
        }
        stop = Stop.END_OF_INPUT;
        return i;
    }

    /** Past its limit a word is still read to its end, not kept: a long tag's rest is not the command's name. */
    private void readWord(char c) {
        if (c == ' ' || c == '\r' || c == '\n') {
            word++;
            return;
        }
        StringBuilder target = word == 0 ? tag : command;
        if (target.length() < (word == 0 ? TAG : COMMAND)) {
            target.append(c);
        }
    }

    Stop stop() {
        return stop;
    }

    /** The size of the literal announced when {@link #scan} stopped with {@link Stop#LITERAL}. */
    long announced() {
        return announced;
    }

    /**
     * Whether that literal is synchronizing ({@code {N}}: the client waits for a {@code +} continuation before sending
     * it) rather than non-synchronizing ({@code {N+}}, RFC 7888).
     */
    boolean synchronizing() {
        return synchronizing;
    }

    /** The tag of the command being read (or just ended), empty before one was read. */
    String tag() {
        return tag.toString();
    }

    /**
     * The name of the command being read (or just ended), upper case; for {@code UID FETCH} it is {@code UID}.
     */
    String command() {
        return command.toString().toUpperCase(Locale.ROOT);
    }

    /** The number of bytes scanned since the connection began. */
    long position() {
        return position;
    }

    /** Whether the scanner stopped at a synchronizing literal's announcement and has read nothing since. */
    boolean atUntouchedSynchronizingLiteral() {
        return literalUntouched && synchronizing;
    }

    /**
     * The server refused the command before asking for the synchronizing literal it stopped at (RFC 3501 §7.5: a
     * tagged BAD or NO instead of the {@code +} keeps the client from sending it): the next byte starts a new command.
     *
     * @return false, changing nothing, when a byte was read since the announcement (it already counts as the literal)
     */
    boolean withdrawLiteral() {
        if (!literalUntouched) {
            return false;
        }
        literalUntouched = false;
        literalRemaining = 0;
        atCommandStart = true;
        stop = Stop.COMMAND_END;
        return true;
    }

    /** True between commands: no byte of the next command has been read yet. */
    boolean betweenCommands() {
        return atCommandStart && literalRemaining == 0;
    }
}
