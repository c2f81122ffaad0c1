package org.facteur.mailserver.search;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.facteur.mailserver.mime.BaseSubject;

/**
 * The order of a SORT answer (RFC 5256): each sort key in turn, reversed where asked, and the UID last, so that equal
 * keys keep the mailbox's order.
 */
final class SearchSort {
    private SearchSort() {
    }

    /** A hit: the message's metadata and its text (asked for only by the keys that need it). */
    record Hit(MessageFacts message, java.util.function.Supplier<MessageText> text) {
    }

    static Comparator<Hit> comparator(List<SearchQuery.Sort> sorts) {
        Comparator<Hit> order = null;
        for (SearchQuery.Sort sort : sorts) {
            Comparator<Hit> key = key(sort.getSortClause());
            if (sort.isReverse()) {
                key = key.reversed();
            }
            order = order == null ? key : order.thenComparing(key);
        }
        Comparator<Hit> byUid = Comparator.comparing(h -> h.message().uid());
        return order == null ? byUid : order.thenComparing(byUid);
    }

    static boolean onlyByUid(List<SearchQuery.Sort> sorts) {
        return sorts.isEmpty() || (sorts.size() == 1 && sorts.get(0).getSortClause() == SearchQuery.Sort.SortClause.Uid
                && !sorts.get(0).isReverse());
    }

    /** True when one of the sort keys reads a header. */
    static boolean needsText(List<SearchQuery.Sort> sorts) {
        return sorts.stream().map(SearchQuery.Sort::getSortClause).anyMatch(c -> switch (c) {
            case MailboxFrom, MailboxTo, MailboxCc, BaseSubject, SentDate -> true;
            default -> false;
        });
    }

    private static Comparator<Hit> key(SearchQuery.Sort.SortClause clause) {
        return switch (clause) {
            case Arrival -> Comparator.comparing(h -> h.message().internalDate());
            case Size -> Comparator.comparingLong(h -> h.message().size());
            case Uid -> Comparator.comparing(h -> h.message().uid());
            case Id -> Comparator.comparing(h -> h.message().messageId().serialize());
            case MailboxFrom -> text(h -> firstMailbox(h, "From"));
            case MailboxTo -> text(h -> firstMailbox(h, "To"));
            case MailboxCc -> text(h -> firstMailbox(h, "Cc"));
            case BaseSubject -> text(h -> BaseSubject.of(h.text().get().first("Subject").orElse("")).text());
            case SentDate -> Comparator.comparing(SearchSort::sentDate);
        };
    }

    /** RFC 5256's collation, i;ascii-casemap: ASCII letters compare without case, everything else by code. */
    private static Comparator<Hit> text(Function<Hit, String> key) {
        return Comparator.comparing(h -> BaseSubject.asciiCasemap(key.apply(h)));
    }

    /**
     * RFC 5256: the addr-mailbox of the first address, or the empty string. The first address of a group is the
     * group itself, whose addr-mailbox in IMAP's terms is the group's name (RFC 3501 §7.4.2).
     */
    private static String firstMailbox(Hit h, String header) {
        return h.text().get().first(header).map(SearchSort::firstAddress).orElse("");
    }

    private static String firstAddress(String value) {
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            if (list.isEmpty()) {
                return "";
            }
            Address first = list.get(0);
            return first instanceof Group group ? group.getName() : ((Mailbox) first).getLocalPart();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** RFC 5256: the Date header, or the internal date when it has none that parses. */
    private static Instant sentDate(Hit h) {
        return SearchCriteria.sentDate(h.text().get()).orElse(h.message().internalDate().toInstant());
    }
}
