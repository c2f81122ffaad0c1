package org.facteur.mailserver.imap.sort;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.mailbox.model.SearchQuery;

/** A decoded {@code SORT} or {@code UID SORT} (RFC 5256): the sort keys in order and the search criteria. */
public final class SortRequest extends AbstractImapRequest {
    private final List<SearchQuery.Sort> sorts;
    private final SearchKey criteria;
    private final boolean useUids;

    public SortRequest(ImapCommand command, Tag tag, List<SearchQuery.Sort> sorts, SearchKey criteria, boolean useUids) {
        super(tag, command);
        this.sorts = List.copyOf(sorts);
        this.criteria = criteria;
        this.useUids = useUids;
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
