package org.facteur.mailserver.imap.sort;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** A decoded {@code THREAD} or {@code UID THREAD} (RFC 5256): the algorithm and the search criteria. */
public final class ThreadRequest extends AbstractImapRequest {
    private final ThreadAlgorithm algorithm;
    private final SearchKey criteria;
    private final boolean useUids;

    public ThreadRequest(ImapCommand command, Tag tag, ThreadAlgorithm algorithm, SearchKey criteria, boolean useUids) {
        super(tag, command);
        this.algorithm = algorithm;
        this.criteria = criteria;
        this.useUids = useUids;
    }

    public ThreadAlgorithm algorithm() {
        return algorithm;
    }

    public SearchKey criteria() {
        return criteria;
    }

    public boolean useUids() {
        return useUids;
    }
}
