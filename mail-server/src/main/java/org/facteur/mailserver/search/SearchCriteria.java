package org.facteur.mailserver.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.UnsupportedSearchException;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.AddressOperator;
import org.apache.james.mailbox.model.SearchQuery.ContainsOperator;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.DateOperator;
import org.apache.james.mailbox.model.SearchQuery.ExistsOperator;
import org.apache.james.mailbox.model.SearchQuery.NumericOperator;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.facteur.mailserver.mime.HeaderDates;

/**
 * Decides whether one message matches a James search criterion, exactly as RFC 3501/9051 say, from the message's
 * store metadata (UID, flags, mod-seq, size, dates, ids: always current) and its {@link MessageText} (asked for only
 * when a criterion needs it). String keys use {@link SearchText#contains}; dates "disregarding time and timezone"
 * compare calendar days, the internal date's in the server's zone and a header date's in the zone it was written in.
 */
final class SearchCriteria {
    private final Collection<MessageUid> recent;
    private final ZoneId zone;

    SearchCriteria(Collection<MessageUid> recent, ZoneId zone) {
        this.recent = recent;
        this.zone = zone;
    }

    boolean matches(Criterion c, MessageFacts m, Supplier<MessageText> text) throws UnsupportedSearchException {
        if (c instanceof SearchQuery.AllCriterion) {
            return true;
        }
        if (c instanceof SearchQuery.ConjunctionCriterion conj) {
            return conjunction(conj, m, text);
        }
        if (c instanceof SearchQuery.UidCriterion uid) {
            for (SearchQuery.UidRange r : uid.getOperator().getRange()) {
                if (r.isIn(m.uid())) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof SearchQuery.FlagCriterion flag) {
            boolean set = flag.getFlag() == Flags.Flag.RECENT
                    ? recent.contains(m.uid()) || m.flags().contains(Flags.Flag.RECENT)
                    : m.flags().contains(flag.getFlag());
            return set == flag.getOperator().isSet();
        }
        if (c instanceof SearchQuery.CustomFlagCriterion flag) {
            return m.flags().contains(flag.getFlag()) == flag.getOperator().isSet();
        }
        if (c instanceof SearchQuery.SizeCriterion size) {
            return numeric(size.getOperator(), m.size());
        }
        if (c instanceof SearchQuery.ModSeqCriterion modSeq) {
            return numeric(modSeq.getOperator(), m.modSeq().asLong());
        }
        if (c instanceof SearchQuery.InternalDateCriterion date) {
            return date(date.getOperator(), m.internalDate().toInstant().atZone(zone));
        }
        if (c instanceof SearchQuery.SaveDateCriterion date) {
            Optional<Date> saved = m.saveDate();
            return saved.isPresent() && date(date.getOperator(), saved.get().toInstant().atZone(zone));
        }
        if (c instanceof SearchQuery.MessageIdCriterion id) {
            return id.getMessageId().equals(m.messageId());
        }
        if (c instanceof SearchQuery.ThreadIdCriterion thread) {
            return thread.getThreadId().equals(m.threadId());
        }
        if (c instanceof SearchQuery.SubjectCriterion subject) {
            return header(subject.asHeaderCriterion(), text.get());
        }
        if (c instanceof SearchQuery.MimeMessageIDCriterion id) {
            return header(id.asHeaderCriterion(), text.get());
        }
        if (c instanceof SearchQuery.HeaderCriterion header) {
            return header(header, text.get());
        }
        if (c instanceof SearchQuery.TextCriterion t) {
            return text(t, text.get());
        }
        if (c instanceof SearchQuery.AttachmentCriterion attachment) {
            return text.get().hasAttachment() == attachment.getOperator().isSet();
        }
        throw new UnsupportedSearchException();
    }

    /** True when deciding {@code c} reads a message's text (headers, body, attachments), not only its facts. */
    static boolean needsText(Criterion c) {
        if (c instanceof SearchQuery.ConjunctionCriterion conj) {
            return conj.getCriteria().stream().anyMatch(SearchCriteria::needsText);
        }
        return c instanceof SearchQuery.HeaderCriterion || c instanceof SearchQuery.TextCriterion
                || c instanceof SearchQuery.SubjectCriterion || c instanceof SearchQuery.MimeMessageIDCriterion
                || c instanceof SearchQuery.AttachmentCriterion;
    }

    private boolean conjunction(SearchQuery.ConjunctionCriterion conj, MessageFacts m, Supplier<MessageText> text)
            throws UnsupportedSearchException {
        List<Criterion> criteria = conj.getCriteria();
        switch (conj.getType()) {
            case AND -> {
                for (Criterion c : criteria) {
                    if (!matches(c, m, text)) {
                        return false;
                    }
                }
                return true;
            }
            case OR -> {
                for (Criterion c : criteria) {
                    if (matches(c, m, text)) {
                        return true;
                    }
                }
                return false;
            }
            case NOR -> {
                for (Criterion c : criteria) {
                    if (matches(c, m, text)) {
                        return false;
                    }
                }
                return true;
            }
            default -> throw new UnsupportedSearchException();
        }
    }

    private static boolean numeric(NumericOperator op, long value) {
        return switch (op.getType()) {
            case EQUALS -> value == op.getValue();
            case LESS_THAN -> value < op.getValue();
            case GREATER_THAN -> value > op.getValue();
        };
    }

    private boolean date(DateOperator op, ZonedDateTime value) {
        int cmp;
        ZonedDateTime key = op.getDate().toInstant().atZone(zone);
        switch (op.getDateResultion()) {
            case Day -> cmp = value.toLocalDate().compareTo(key.toLocalDate());
            case Month -> cmp = Integer.compare(value.getYear() * 12 + value.getMonthValue(), key.getYear() * 12 + key.getMonthValue());
            case Year -> cmp = Integer.compare(value.getYear(), key.getYear());
            case Hour -> cmp = value.truncatedTo(ChronoUnit.HOURS).toInstant().compareTo(key.truncatedTo(ChronoUnit.HOURS).toInstant());
            case Minute -> cmp = value.truncatedTo(ChronoUnit.MINUTES).toInstant().compareTo(key.truncatedTo(ChronoUnit.MINUTES).toInstant());
            default -> cmp = value.truncatedTo(ChronoUnit.SECONDS).toInstant().compareTo(key.truncatedTo(ChronoUnit.SECONDS).toInstant());
        }
        return switch (op.getType()) {
            case BEFORE -> cmp < 0;
            case AFTER -> cmp > 0;
            case ON -> cmp == 0;
        };
    }

    private boolean header(SearchQuery.HeaderCriterion c, MessageText text) throws UnsupportedSearchException {
        List<String> values = text.values(c.getHeaderName());
        SearchQuery.HeaderOperator op = c.getOperator();
        if (op instanceof ExistsOperator) {
            return !values.isEmpty();
        }
        if (op instanceof ContainsOperator contains) {
            String key = SearchText.normalize(contains.getValue());
            return values.stream().anyMatch(v -> SearchText.normalize(v).contains(key));
        }
        if (op instanceof AddressOperator address) {
            String key = SearchText.normalize(address.getAddress());
            return values.stream().anyMatch(v -> SearchText.normalize(v).contains(key)
                    || SearchText.normalize(renderAddresses(v)).contains(key));
        }
        if (op instanceof DateOperator date) {
            for (String v : values) {
                Optional<ZonedDateTime> written = headerDate(v);
                if (written.isPresent() && headerDate(date, written.get())) {
                    return true;
                }
            }
            return false;
        }
        throw new UnsupportedSearchException();
    }

    /** A header date compared by the day it names where it was written (SENTBEFORE, SENTON, SENTSINCE). */
    private boolean headerDate(DateOperator op, ZonedDateTime written) {
        if (op.getDateResultion() != SearchQuery.DateResolution.Day) {
            return date(op, written.withZoneSameInstant(zone));
        }
        LocalDate key = op.getDate().toInstant().atZone(zone).toLocalDate();
        int cmp = written.toLocalDate().compareTo(key);
        return switch (op.getType()) {
            case BEFORE -> cmp < 0;
            case AFTER -> cmp > 0;
            case ON -> cmp == 0;
        };
    }

    static Optional<ZonedDateTime> headerDate(String value) {
        return HeaderDates.parse(value);
    }

    /** The sent date (Date header), or empty when there is none that parses. */
    static Optional<Instant> sentDate(MessageText text) {
        return text.first("Date").flatMap(SearchCriteria::headerDate).map(ZonedDateTime::toInstant);
    }

    /** "Name <local@domain>" for every mailbox of an address header, so that a key written that way matches. */
    static String renderAddresses(String value) {
        StringBuilder b = new StringBuilder();
        for (Mailbox mb : mailboxes(value)) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            if (mb.getName() != null && !mb.getName().isBlank()) {
                b.append(mb.getName()).append(" <").append(mb.getAddress()).append('>');
            } else {
                b.append(mb.getAddress());
            }
        }
        return b.toString();
    }

    static List<Mailbox> mailboxes(String value) {
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            return list.stream().flatMap((Address a) -> a instanceof Group g ? g.getMailboxes().stream()
                    : a instanceof Mailbox mb ? java.util.stream.Stream.of(mb) : java.util.stream.Stream.empty()).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static boolean text(SearchQuery.TextCriterion c, MessageText text) {
        String key = SearchText.normalize(c.getOperator().getValue());
        return switch (c.getType()) {
            case BODY -> text.body().contains(key);
            case FULL -> text.body().contains(key)
                    || SearchText.normalize(text.headerBlock()).contains(key);
            case ATTACHMENTS -> text.attachmentText().contains(key);
            case ATTACHMENT_FILE_NAME -> text.attachmentNames().stream()
                    .anyMatch(n -> SearchText.normalize(n).contains(key));
        };
    }
}
