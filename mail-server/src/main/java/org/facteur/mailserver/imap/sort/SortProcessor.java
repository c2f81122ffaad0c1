package org.facteur.mailserver.imap.sort;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import reactor.core.publisher.Mono;

/**
 * SORT and UID SORT (RFC 5256): the messages matching the criteria, in the asked order, answered from Facteur's
 * search index, which sorts them (the UID last, so equal keys keep the mailbox's order); with ESORT's return options
 * (RFC 5267 §3) answered as {@code * ESEARCH}.
 */
public final class SortProcessor extends CriteriaProcessor<SortRequest> {
    @Inject
    public SortProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(SortRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return List.of(Capability.of("SORT"), Capability.of("ESORT"));
    }

    @Override
    SearchKey criteria(SortRequest request) {
        return request.criteria();
    }

    @Override
    boolean useUids(SortRequest request) {
        return request.useUids();
    }

    @Override
    SearchQuery query(SortRequest request, SearchQuery matching) {
        return SearchQuery.builder().andCriteria(matching.getCriteria()).sorts(request.sorts())
                .addRecentMessageUids(matching.getRecentMessageUids()).build();
    }

    @Override
    Mono<ImapResponseMessage> answer(SortRequest request, ImapSession session, MessageManager mailbox,
                                     List<MessageUid> uids) {
        List<Long> ids = ids(uids, session.getSelected(), request.useUids());
        return Mono.just(request.returns()
                .<ImapResponseMessage>map(returns -> new EsortResponse(request.getTag(), request.useUids(), returns, ids))
                .orElseGet(() -> new SortResponse(ids)));
    }

    /** UIDs as they are, or the message numbers of this session (a message it has not been told of yet is left out). */
    private static List<Long> ids(List<MessageUid> uids, SelectedMailbox selected, boolean useUids) {
        List<Long> ids = new ArrayList<>(uids.size());
        for (MessageUid uid : uids) {
            if (useUids) {
                ids.add(uid.asLong());
            } else {
                selected.msn(uid).ifPresent(msn -> ids.add((long) msn.asInt()));
            }
        }
        return ids;
    }

    @Override
    protected MDCBuilder mdc(SortRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "SORT");
    }
}
