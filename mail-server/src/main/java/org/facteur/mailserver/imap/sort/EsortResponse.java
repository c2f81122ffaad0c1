package org.facteur.mailserver.imap.sort;

import java.util.List;
import java.util.Set;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** The {@code * ESEARCH} answer of an ESORT: ids in the sort order, and which results were asked for. */
public record EsortResponse(Tag tag, boolean uids, Set<SortReturn> returns, List<Long> ids) implements ImapResponseMessage {
    public EsortResponse {
        returns = Set.copyOf(returns);
        ids = List.copyOf(ids);
    }
}
