package org.facteur.mailserver.imap.sort;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;
import org.facteur.mailserver.imap.BadCommand;
import org.facteur.mailserver.imap.CommandWords;

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
            throw bad("Search criteria are missing: use ALL");
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

    /**
     * Letters up to a space, a closing parenthesis or the end of the line, upper-cased; any other character is
     * refused.
     */
    static String word(ImapRequestLineReader request) throws DecodingException {
        String word = CommandWords.upperCaseLetters(request, Character::isLetter, Integer.MAX_VALUE);
        char next = request.nextChar();
        if (next != ' ' && next != ')' && next != '\r' && next != '\n') {
            throw bad("Invalid character '" + next + "'");
        }
        return word;
    }

    /** A refusal of SORT or THREAD whose sentence reaches the client. */
    static DecodingException bad(String sentence) {
        return BadCommand.decodingException("org.facteur.imap.sort.syntax", sentence);
    }
}
