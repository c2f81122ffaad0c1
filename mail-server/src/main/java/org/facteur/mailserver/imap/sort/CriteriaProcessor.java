package org.facteur.mailserver.imap.sort;

import java.util.List;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What SORT and THREAD do alike: find the selected mailbox's messages matching the search keys, answer one untagged
 * response made from them, then the mailbox's news and OK; {@code NO} when the search fails, {@code BAD} for a
 * message number that does not exist.
 */
abstract class CriteriaProcessor<R extends ImapRequest> extends AbstractMailboxProcessor<R>
        implements CapabilityImplementingProcessor {
    private final SearchKeyQueries queries;

    CriteriaProcessor(Class<R> requestType, MailboxManager mailboxManager, StatusResponseFactory factory,
                      MetricFactory metricFactory) {
        super(requestType, mailboxManager, factory, metricFactory);
        this.queries = new SearchKeyQueries(new SearchProcessor(mailboxManager, factory, metricFactory));
    }

    abstract SearchKey criteria(R request);

    abstract boolean useUids(R request);

    /** The search to run: the criteria's query, to which SORT adds its order. */
    SearchQuery query(R request, SearchQuery matching) {
        return matching;
    }

    /** The untagged answer for the matching UIDs, in the order the search gave them. */
    abstract Mono<ImapResponseMessage> answer(R request, ImapSession session, MessageManager mailbox, List<MessageUid> uids);

    @Override
    protected Mono<Void> processRequestReactive(R request, ImapSession session, Responder responder) {
        SearchQuery query;
        try {
            query = query(request, queries.query(criteria(request), session));
        } catch (MessageRangeException e) {
            taggedBad(request, responder, HumanReadableText.INVALID_MESSAGESET);
            return Mono.empty();
        }
        return getSelectedMailboxReactive(session)
                .flatMap(mailbox -> Mono.defer(() -> Flux.from(search(mailbox, query, session)).collectList())
                        .flatMap(uids -> answer(request, session, mailbox, uids)))
                .flatMap(response -> {
                    responder.respond(response);
                    return unsolicitedResponses(session, responder, false, useUids(request));
                })
                .then(Mono.fromRunnable(() -> okComplete(request, responder)))
                .onErrorResume(MailboxException.class, e -> {
                    no(request, responder, HumanReadableText.SEARCH_FAILED);
                    return Mono.empty();
                }).then();
    }

    private static org.reactivestreams.Publisher<MessageUid> search(MessageManager mailbox, SearchQuery query,
                                                                    ImapSession session) {
        try {
            return mailbox.search(query, session.getMailboxSession());
        } catch (MailboxException e) {
            return Mono.error(e);
        }
    }
}
