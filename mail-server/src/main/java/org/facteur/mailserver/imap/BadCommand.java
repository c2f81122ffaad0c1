package org.facteur.mailserver.imap;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.DecodingException;

/**
 * The refusal of a command that does not parse, whose sentence reaches the client. James 3.8.1 writes only the
 * default text of a {@link DecodingException}'s {@link HumanReadableText} on the {@code BAD} line, never its message:
 * with {@link HumanReadableText#ILLEGAL_ARGUMENTS} every refusal read "Illegal arguments.", whatever was wrong.
 * A sentence often repeats what the client sent; on the response line anything outside printable ASCII (a CR, LF, NUL,
 * an 8-bit byte) is written as {@code \xNN} or {@code \}{@code uNNNN}, so that no client input ends or splits the line.
 */
public final class BadCommand {
    private BadCommand() {
    }

    /** {@code key} names the kind of refusal (James's text key); {@code sentence} is what the client reads. */
    public static DecodingException decodingException(String key, String sentence) {
        String line = printable(sentence);
        return new DecodingException(new HumanReadableText(key, line), line);
    }

    static String printable(String sentence) {
        StringBuilder line = new StringBuilder(sentence.length());
        sentence.chars().forEach(c -> line.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c)));
        return line.toString();
    }
}
