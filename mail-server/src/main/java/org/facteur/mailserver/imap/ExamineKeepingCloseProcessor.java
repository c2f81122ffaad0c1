package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.processor.CloseProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's CLOSE, except in a mailbox opened by EXAMINE: there it leaves the mailbox and answers OK without
 * expunging, as RFC 3501 §6.4.2 says ("no messages are removed, and no error is given, if the mailbox is selected by
 * an EXAMINE command"). James 3.8.1 expunged every \Deleted message there ({@link ReadOnlySelection}).
 */
public final class ExamineKeepingCloseProcessor extends CloseProcessor {
    @Inject
    public ExamineKeepingCloseProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                        MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CloseRequest request, ImapSession session, Responder responder) {
        if (ReadOnlySelection.isReadOnly(session)) {
            return session.deselect().then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
