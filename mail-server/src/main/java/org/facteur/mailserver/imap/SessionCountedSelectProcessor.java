package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's SELECT, answering the {@code EXISTS} of the session's view ({@link SessionCountedExists}), and leaving
 * no mailbox selected when it fails ({@link FailedSelectionDeselects}).
 */
public final class SessionCountedSelectProcessor extends SelectProcessor {
    @Inject
    public SessionCountedSelectProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory factory,
                                         MetricFactory metricFactory) {
        super(mailboxManager, eventBus, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(SelectRequest request, ImapSession session, Responder responder) {
        return FailedSelectionDeselects.process(request, session, responder, watching ->
                super.processRequestReactive(request, session, new SessionCountedExists(watching, session)));
    }
}
