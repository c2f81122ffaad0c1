package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;

/**
 * James's LIST parser, also reading a parenthesised list of patterns: {@code LIST "" (INBOX Archive/*)} (RFC 5258
 * §3, announced through LIST-EXTENDED), which James 3.8.1 answered with {@code BAD Illegal arguments}. The patterns
 * travel to {@link MultiPatternListProcessor} joined by a NUL, a character no mailbox name or pattern can hold.
 */
public final class MultiPatternListParser extends ListCommandParser {
    static final char SEPARATOR = '\0';

    @Inject
    public MultiPatternListParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public String listMailbox(ImapRequestLineReader request) throws DecodingException {
        if (request.nextWordChar() != '(') {
            return super.listMailbox(request);
        }
        request.consumeChar('(');
        List<String> patterns = new ArrayList<>();
        while (request.nextWordChar() != ')') {
            char first = request.nextWordChar();
            String pattern = first == '"' || first == '{' ? super.listMailbox(request) : listAtom(request);
            if (pattern.indexOf(SEPARATOR) >= 0) {
                throw badPattern("A mailbox pattern cannot hold a NUL");
            }
            patterns.add(pattern);
        }
        request.consumeChar(')');
        if (patterns.isEmpty()) {
            throw badPattern("An empty list of mailbox patterns");
        }
        return String.join(String.valueOf(SEPARATOR), patterns);
    }

    /** An unquoted pattern inside the list, which ends at a space or at the closing parenthesis. */
    private static String listAtom(ImapRequestLineReader request) throws DecodingException {
        StringBuilder atom = new StringBuilder();
        for (char c = request.nextChar(); c != ' ' && c != ')'; c = request.nextChar()) {
            if (c < 0x21 || c > 0x7e || c == '(' || c == '{' || c == '"' || c == '\\') {
                throw badPattern("Invalid character in a mailbox pattern: '" + c + "'");
            }
            atom.append(c);
            request.consume();
        }
        return atom.toString();
    }

    private static DecodingException badPattern(String sentence) {
        return BadCommand.decodingException("org.facteur.imap.list.patterns", sentence);
    }
}
