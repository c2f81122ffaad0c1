package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.message.request.ListRequest;

/**
 * James's LIST parser, also reading a parenthesised list of patterns: {@code LIST "" (INBOX Archive/*)} (RFC 5258
 * §3, announced through LIST-EXTENDED), which James 3.8.1 answered with {@code BAD Illegal arguments}. The patterns
 * travel to {@link MultiPatternListProcessor} joined by a NUL, a character no mailbox name or pattern can hold.
 *
 * <p>{@code RETURN (STATUS ())} is refused as {@code STATUS INBOX ()} is ({@link CheckedStatusParser}): RFC 5819's
 * grammar wants at least one item, and Dovecot answers {@code BAD … Empty status list}; James 3.8.1 listed the
 * mailboxes with an empty {@code * STATUS "INBOX" ()} each.
 */
public final class MultiPatternListParser extends ListCommandParser {
    static final char SEPARATOR = '\0';

    @Inject
    public MultiPatternListParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        ImapMessage message = super.decode(request, tag, useUids, session);
        if (message instanceof ListRequest list && list.getStatusDataItems().filter(CheckedStatusParser::noItem).isPresent()) {
            throw BadCommand.decodingException("org.facteur.imap.list.status", "RETURN (STATUS ()) needs at least one "
                    + "item in its parentheses, like LIST \"\" * RETURN (STATUS (MESSAGES UNSEEN))");
        }
        return message;
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
