package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's EXAMINE, answering the {@code EXISTS} of the session's view ({@link SessionCountedExists}), and leaving
 * no mailbox selected when it fails ({@link FailedSelectionDeselects}).
 */
public final class SessionCountedExamineProcessor extends ExamineProcessor {
    @Inject
    public SessionCountedExamineProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory factory,
                                         MetricFactory metricFactory) {
        super(mailboxManager, eventBus, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(ExamineRequest request, ImapSession session, Responder responder) {
        return FailedSelectionDeselects.process(request, session, responder, watching ->
                super.processRequestReactive(request, session, new SessionCountedExists(watching, session)));
    }
}
