package org.facteur.mailserver.imap;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.DecodingException;

/**
 * The refusal of a command that does not parse, whose sentence reaches the client. James 3.8.1 writes only the
 * default text of a {@link DecodingException}'s {@link HumanReadableText} on the {@code BAD} line, never its message:
 * with {@link HumanReadableText#ILLEGAL_ARGUMENTS} every refusal read "Illegal arguments.", whatever was wrong.
 */
public final class BadCommand {
    private BadCommand() {
    }

    /** {@code key} names the kind of refusal (James's text key); {@code sentence} is what the client reads. */
    public static DecodingException decodingException(String key, String sentence) {
        return new DecodingException(new HumanReadableText(key, sentence), sentence);
    }
}
