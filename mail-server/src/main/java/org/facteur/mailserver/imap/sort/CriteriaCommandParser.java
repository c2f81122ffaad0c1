package org.facteur.mailserver.imap.sort;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;

/**
 * What SORT and THREAD share after their first argument (RFC 5256): a charset, then SEARCH keys to the end of the
 * line. The keys are read by James's SEARCH parser this extends, so they mean what they mean in SEARCH; being a
 * SEARCH parser also makes James's {@code UID} prefix apply.
 */
abstract class CriteriaCommandParser extends SearchCommandParser {
    CriteriaCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    /** The charset argument, or empty when Java does not know it (the caller answers {@code NO [BADCHARSET]}). */
    static Optional<Charset> charset(ImapRequestLineReader request) throws DecodingException {
        request.nextWordChar();
        String name = request.astring();
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    /** One or more search keys up to the end of the line, strings read in the given charset. */
    SearchKey searchCriteria(ImapRequestLineReader request, ImapSession session, Charset charset)
            throws DecodingException {
        if (request.nextChar() != ' ') {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Search criteria are missing: use ALL");
        }
        Context context = new Context();
        context.setCharset(charset);
        List<SearchKey> keys = new ArrayList<>();
        while (request.nextChar() == ' ') {
            request.nextWordChar();
            keys.add(searchKey(session, request, context, false));
        }
        request.eol();
        return keys.size() == 1 ? keys.get(0) : SearchKey.buildAnd(keys);
    }

    /** Letters up to a space or a closing parenthesis, upper-cased. */
    static String word(ImapRequestLineReader request) throws DecodingException {
        StringBuilder word = new StringBuilder();
        for (char c = request.nextChar(); c != ' ' && c != ')' && c != '\r' && c != '\n'; c = request.nextChar()) {
            if (!Character.isLetter(c)) {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid character '" + c + "'");
            }
            word.append(c);
            request.consume();
        }
        return word.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
