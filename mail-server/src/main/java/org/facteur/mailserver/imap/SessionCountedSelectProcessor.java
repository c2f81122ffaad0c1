package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.store.mailbox.RecentClaims;

import reactor.core.publisher.Mono;

/**
 * James's SELECT, answering the {@code EXISTS} of the session's view ({@link SessionCountedExists}), leaving
 * no mailbox selected when it fails ({@link FailedSelectionDeselects}), and with a session view that marks a new
 * message recent only in the one session that takes its \Recent ({@link RecentClaimingSession}).
 */
public final class SessionCountedSelectProcessor extends SelectProcessor {
    private final RecentClaims claims;

    @Inject
    public SessionCountedSelectProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory factory,
                                         MetricFactory metricFactory, RecentClaims claims) {
        super(mailboxManager, eventBus, factory, metricFactory);
        this.claims = claims;
    }

    @Override
    protected Mono<Void> processRequestReactive(SelectRequest request, ImapSession session, Responder responder) {
        return FailedSelectionDeselects.process(request, session, responder, watching ->
                super.processRequestReactive(request, RecentClaimingSession.selecting(session, claims),
                        new SessionCountedExists(watching, session)));
    }
}
