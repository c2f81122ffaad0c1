package org.facteur.mailserver.imap.context;

import java.util.Set;

import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MessageUid;

import reactor.core.publisher.Mono;

/** Runs a live search again: the UIDs of the selected mailbox's messages that match the keys now. */
@FunctionalInterface
public interface LiveSearchQuery {
    Mono<Set<MessageUid>> matching(SearchKey key, ImapSession session);
}
