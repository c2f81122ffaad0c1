package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.store.mailbox.RecentClaims;

import reactor.core.publisher.Mono;

/**
 * James's EXAMINE, answering the {@code EXISTS} of the session's view ({@link SessionCountedExists}), leaving
 * no mailbox selected when it fails ({@link FailedSelectionDeselects}), and with a view that takes no message's
 * \Recent, also when it was a SELECT's ({@link RecentClaimingSession}).
 */
public final class SessionCountedExamineProcessor extends ExamineProcessor {
    private final RecentClaims claims;

    @Inject
    public SessionCountedExamineProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory factory,
                                         MetricFactory metricFactory, RecentClaims claims) {
        super(mailboxManager, eventBus, factory, metricFactory);
        this.claims = claims;
    }

    @Override
    protected Mono<Void> processRequestReactive(ExamineRequest request, ImapSession session, Responder responder) {
        return FailedSelectionDeselects.process(request, session, responder, watching ->
                super.processRequestReactive(request, RecentClaimingSession.examining(session, claims),
                        new SessionCountedExists(watching, session)));
    }
}
