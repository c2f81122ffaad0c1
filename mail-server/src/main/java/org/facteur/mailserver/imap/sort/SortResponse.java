package org.facteur.mailserver.imap.sort;

import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** The untagged {@code * SORT} answer: message numbers or UIDs, in the asked order. */
public record SortResponse(List<Long> ids) implements ImapResponseMessage {
    public SortResponse {
        ids = List.copyOf(ids);
    }
}
