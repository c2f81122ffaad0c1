package org.facteur.mailserver.imap.context;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;
import org.apache.james.imap.message.request.SearchRequest;
import org.facteur.mailserver.imap.BadCommand;
import org.facteur.mailserver.imap.CommandWords;

/**
 * James's SEARCH parser with the return options of RFC 5267 §4 (CONTEXT=SEARCH) beside RFC 4731's: {@code UPDATE},
 * {@code PARTIAL n:m} and the {@code CONTEXT} hint, which is accepted and changes nothing. A SEARCH that asks for
 * neither UPDATE nor PARTIAL gives James's own request, answered as before. Every refusal names what was wrong.
 */
public class ContextSearchCommandParser extends SearchCommandParser {
    @Inject
    public ContextSearchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        if (Character.toUpperCase(request.nextWordChar()) != 'R') {
            return super.decode(request, tag, useUids, session);
        }
        String first = letters(request);
        try {
            return switch (first) {
                case "RECENT" -> new SearchRequest(new SearchOperation(recentAnd(request, session), new ArrayList<>()),
                        useUids, tag);
                case "RETURN" -> withReturn(request, tag, useUids, session);
                default -> throw bad("Unknown search key " + first);
            };
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return taggedNo(tag, ImapConstants.SEARCH_COMMAND, HumanReadableText.BAD_CHARSET,
                    StatusResponse.ResponseCode.badCharset());
        }
    }

    private SearchKey recentAnd(ImapRequestLineReader request, ImapSession session) throws DecodingException {
        if (request.nextChar() != ' ') {
            request.eol();
            return SearchKey.buildRecent();
        }
        return SearchKey.buildAnd(List.of(SearchKey.buildRecent(), decode(session, request)));
    }

    private ImapMessage withReturn(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        request.nextWordChar();
        request.consumeChar('(');
        List<SearchResultOption> returned = new ArrayList<>();
        Optional<PartialRange> partial = Optional.empty();
        boolean update = false;
        while (request.nextWordChar() != ')') {
            String option = letters(request);
            switch (option) {
                case "MIN", "MAX", "ALL", "COUNT", "SAVE" -> {
                    SearchResultOption known = SearchResultOption.valueOf(option);
                    if (!returned.contains(known)) {
                        returned.add(known);
                    }
                }
                case "UPDATE" -> {
                    if (update) {
                        throw bad("UPDATE is asked twice");
                    }
                    update = true;
                }
                case "PARTIAL" -> {
                    if (partial.isPresent()) {
                        throw bad("PARTIAL is asked twice: ask for one window");
                    }
                    request.nextWordChar();
                    partial = Optional.of(range(request));
                }
                case "CONTEXT" -> {
                    // a hint that the search will be asked again (RFC 5267 §4.2); every search is answered alike
                }
                default -> throw bad("Unknown SEARCH return option " + option
                        + ": use MIN, MAX, ALL, COUNT, SAVE, UPDATE, PARTIAL or CONTEXT");
            }
        }
        request.consumeChar(')');
        if (partial.isPresent() && returned.contains(SearchResultOption.ALL)) {
            throw bad("PARTIAL and ALL cannot be asked together: ask for one of them (RFC 5267 §4.4)");
        }
        if (returned.isEmpty() && !update && partial.isEmpty()) {
            returned.add(SearchResultOption.ALL);
        }
        SearchKey key = decode(session, request);
        if (!update && partial.isEmpty()) {
            return new SearchRequest(new SearchOperation(key, returned), useUids, tag);
        }
        return new ContextSearchRequest(key, returned, partial, update, useUids, tag);
    }

    /** {@code nz-number ":" nz-number}. */
    private static PartialRange range(ImapRequestLineReader request) throws DecodingException {
        StringBuilder text = new StringBuilder();
        for (char c = request.nextChar(); c != ' ' && c != ')' && c != '\r' && c != '\n'; c = request.nextChar()) {
            text.append(c);
            request.consume();
            if (text.length() > 21) {
                break;
            }
        }
        String[] ends = text.toString().split(":", -1);
        if (ends.length != 2 || !positive(ends[0]) || !positive(ends[1])) {
            throw bad("PARTIAL needs a range of positions counted from 1, such as 1:500, not " + text);
        }
        return new PartialRange(Long.parseLong(ends[0]), Long.parseLong(ends[1]));
    }

    private static boolean positive(String number) {
        return number.matches("[1-9][0-9]{0,9}") && Long.parseLong(number) <= Integer.MAX_VALUE;
    }

    /**
     * ASCII letters, upper-cased, at most 17: more than any key or option read here has, so a longer word is still
     * refused as unknown, its sentence bounded. Any other character ends the word and is left to read.
     */
    private static String letters(ImapRequestLineReader request) throws DecodingException {
        return CommandWords.upperCaseLetters(request, c -> Character.isLetter(c) && c < 128, 17);
    }

    private static DecodingException bad(String sentence) {
        return BadCommand.decodingException("org.facteur.imap.search.return", sentence);
    }
}
