package org.facteur.mailserver.imap.sort;

import java.util.EnumSet;
import java.util.Set;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.mailbox.model.SearchQuery;

/**
 * Reads {@code SORT (REVERSE DATE SUBJECT) UTF-8 SINCE 1-Jan-2026} and its {@code UID SORT} form (RFC 5256 §3), with
 * ESORT's {@code RETURN (MIN MAX COUNT ALL)} in front of the criteria (RFC 5267 §3).
 */
public class SortCommandParser extends CriteriaCommandParser {
    public static final ImapCommand SORT = ImapCommand.selectedStateCommand("SORT");

    @Inject
    public SortCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public ImapCommand getCommand() {
        return SORT;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        Optional<Set<SortReturn>> returns = returnOptions(request);
        List<SearchQuery.Sort> sorts = sortCriteria(request);
        Optional<Charset> charset = charset(request);
        if (charset.isEmpty()) {
            return taggedNo(tag, SORT, HumanReadableText.BAD_CHARSET, StatusResponse.ResponseCode.badCharset());
        }
        return new SortRequest(SORT, tag, sorts, searchCriteria(request, session, charset.get()), useUids, returns);
    }

    /** ESORT's {@code RETURN (MIN MAX COUNT ALL)} before the sort criteria (RFC 5267 §3), or empty when absent. */
    static Optional<Set<SortReturn>> returnOptions(ImapRequestLineReader request) throws DecodingException {
        if (Character.toUpperCase(request.nextWordChar()) != 'R') {
            return Optional.empty();
        }
        String word = word(request);
        if (!word.equals("RETURN")) {
            throw bad("Expected RETURN or the sort criteria, got " + word);
        }
        request.nextWordChar();
        request.consumeChar('(');
        EnumSet<SortReturn> returns = EnumSet.noneOf(SortReturn.class);
        while (request.nextWordChar() != ')') {
            String option = word(request);
            try {
                returns.add(SortReturn.valueOf(option));
            } catch (IllegalArgumentException e) {
                throw bad("Unknown SORT return option " + option + ": use MIN, MAX, COUNT or ALL");
            }
        }
        request.consumeChar(')');
        return Optional.of(returns.isEmpty() ? EnumSet.of(SortReturn.ALL) : returns);
    }

    /** {@code "(" ["REVERSE" SP] key *(SP ["REVERSE" SP] key) ")"}. */
    static List<SearchQuery.Sort> sortCriteria(ImapRequestLineReader request) throws DecodingException {
        request.nextWordChar();
        request.consumeChar('(');
        List<SearchQuery.Sort> sorts = new ArrayList<>();
        boolean reverse = false;
        while (request.nextWordChar() != ')') {
            String word = word(request);
            if (word.equals("REVERSE")) {
                if (reverse) {
                    throw bad("REVERSE twice in a row");
                }
                reverse = true;
                continue;
            }
            sorts.add(new SearchQuery.Sort(clause(word),
                    reverse ? SearchQuery.Sort.Order.REVERSE : SearchQuery.Sort.Order.NATURAL));
            reverse = false;
        }
        request.consumeChar(')');
        if (reverse || sorts.isEmpty()) {
            throw bad("A sort criterion is missing: use ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT or TO");
        }
        return sorts;
    }

    private static SearchQuery.Sort.SortClause clause(String word) throws DecodingException {
        return switch (word) {
            case "ARRIVAL" -> SearchQuery.Sort.SortClause.Arrival;
            case "CC" -> SearchQuery.Sort.SortClause.MailboxCc;
            case "DATE" -> SearchQuery.Sort.SortClause.SentDate;
            case "FROM" -> SearchQuery.Sort.SortClause.MailboxFrom;
            case "SIZE" -> SearchQuery.Sort.SortClause.Size;
            case "SUBJECT" -> SearchQuery.Sort.SortClause.BaseSubject;
            case "TO" -> SearchQuery.Sort.SortClause.MailboxTo;
            default -> throw bad("Unknown sort criterion "
                    + word + ": use ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT or TO");
        };
    }
}
