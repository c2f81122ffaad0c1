package org.facteur.mailserver.imap.context;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code CANCELUPDATE "a1" "a2"} (RFC 5267 §4.3.5): the tags of the live searches to end. */
public final class CancelUpdateRequest extends AbstractImapRequest {
    public static final ImapCommand CANCELUPDATE = ImapCommand.selectedStateCommand("CANCELUPDATE");

    private final List<Tag> searches;

    CancelUpdateRequest(Tag tag, List<Tag> searches) {
        super(tag, CANCELUPDATE);
        this.searches = List.copyOf(searches);
    }

    public List<Tag> searches() {
        return searches;
    }
}
