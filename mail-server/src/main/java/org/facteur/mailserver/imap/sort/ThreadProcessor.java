package org.facteur.mailserver.imap.sort;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * THREAD and UID THREAD (RFC 5256) with ORDEREDSUBJECT and REFERENCES: the messages matching the criteria, read
 * from the search index, then their headers from the store, threaded by {@link Threading}.
 */
public final class ThreadProcessor extends CriteriaProcessor<ThreadRequest> {
    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return List.of(Capability.of("THREAD=ORDEREDSUBJECT"), Capability.of("THREAD=REFERENCES"));
    }

    @Override
    SearchKey criteria(ThreadRequest request) {
        return request.criteria();
    }

    @Override
    boolean useUids(ThreadRequest request) {
        return request.useUids();
    }

    @Override
    Mono<ImapResponseMessage> answer(ThreadRequest request, ImapSession session, MessageManager mailbox,
                                     List<MessageUid> uids) {
        SelectedMailbox selected = session.getSelected();
        return headers(mailbox, uids, session.getMailboxSession())
                .concatMap(m -> Mono.justOrEmpty(toThreaded(m, selected, request.useUids())))
                .collectList()
                .map(messages -> new ThreadResponse(Threading.thread(request.algorithm(), messages)));
    }

    /** The header of each matching message, read by runs of consecutive UIDs. */
    private static Flux<MessageResult> headers(MessageManager mailbox, List<MessageUid> uids, MailboxSession session) {
        Set<MessageUid> wanted = new HashSet<>(uids);
        return Flux.fromIterable(MessageRange.toRanges(uids))
                .concatMap(range -> Flux.from(mailbox.getMessagesReactive(range, FetchGroup.HEADERS, session)))
                .filter(m -> wanted.contains(m.getUid()));
    }

    /** The message to thread, numbered as the command asks; empty for one this session has not been told of yet. */
    private static Optional<ThreadedMessage> toThreaded(MessageResult message, SelectedMailbox selected, boolean useUids) {
        Optional<Long> id = useUids ? Optional.of(message.getUid().asLong())
                : selected.msn(message.getUid()).asInt().map(Integer::longValue);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ThreadedMessages.read(message, id.get()));
        } catch (MailboxException e) {
            throw new IllegalStateException("Could not read the header of message " + message.getUid(), e);
        }
    }

    @Override
    protected MDCBuilder mdc(ThreadRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "THREAD");
    }
}
