package org.facteur.mailserver.imap.sort;

import java.util.Optional;
import java.util.Set;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.mailbox.model.SearchQuery;

/**
 * A decoded {@code SORT} or {@code UID SORT} (RFC 5256): the sort keys in order and the search criteria; with ESORT's
 * {@code RETURN (…)} (RFC 5267 §3) the results asked for, answered as {@code * ESEARCH} instead of {@code * SORT}.
 */
public final class SortRequest extends AbstractImapRequest {
    private final List<SearchQuery.Sort> sorts;
    private final SearchKey criteria;
    private final boolean useUids;
    private final Optional<Set<SortReturn>> returns;

    public SortRequest(ImapCommand command, Tag tag, List<SearchQuery.Sort> sorts, SearchKey criteria, boolean useUids) {
        this(command, tag, sorts, criteria, useUids, Optional.empty());
    }

    public SortRequest(ImapCommand command, Tag tag, List<SearchQuery.Sort> sorts, SearchKey criteria, boolean useUids,
                       Optional<Set<SortReturn>> returns) {
        super(tag, command);
        this.sorts = List.copyOf(sorts);
        this.criteria = criteria;
        this.useUids = useUids;
        this.returns = returns.map(Set::copyOf);
    }

    /** ESORT's return options; empty for a plain SORT. {@code RETURN ()} is ALL (RFC 4731 §3.1). */
    public Optional<Set<SortReturn>> returns() {
        return returns;
    }

    public List<SearchQuery.Sort> sorts() {
        return sorts;
    }

    public SearchKey criteria() {
        return criteria;
    }

    public boolean useUids() {
        return useUids;
    }
}
