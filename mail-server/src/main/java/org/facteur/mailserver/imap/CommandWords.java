package org.facteur.mailserver.imap;

import java.util.Locale;
import java.util.function.IntPredicate;

import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

/** The keywords of the commands Facteur parses itself (SORT, THREAD, SEARCH RETURN), read letter by letter. */
public final class CommandWords {
    private CommandWords() {
    }

    /**
     * The characters {@code letter} accepts, at most {@code max} of them, upper-cased. The character that stopped them
     * is left unread, for the caller to refuse or to go on from.
     */
    public static String upperCaseLetters(ImapRequestLineReader request, IntPredicate letter, int max)
            throws DecodingException {
        StringBuilder word = new StringBuilder();
        for (char c = request.nextChar(); letter.test(c); c = request.nextChar()) {
            word.append(c);
            request.consume();
            if (word.length() >= max) {
                break;
            }
        }
        return word.toString().toUpperCase(Locale.ROOT);
    }
}
