package org.facteur.mailserver.imap.context;

import java.util.List;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * An {@code * ESEARCH} of a search with a context (RFC 5267 §4): the answer to the search itself, with its
 * {@code PARTIAL (1:500 …)}, or an update of a live search, {@code REMOVEFROM (0 …)} and {@code ADDTO (0 …)}. The
 * return data are written in order, each an item name followed by its value.
 */
public record ContextSearchResponse(Tag tag, boolean uids, List<String> data) implements ImapResponseMessage {
    public ContextSearchResponse {
        data = List.copyOf(data);
    }
}
