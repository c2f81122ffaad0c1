package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's RENAME, answering a new name that is empty ({@code #private}), has an empty level ({@code a..b},
 * {@code .a}) or a forbidden character ({@code %}, {@code *}, a leading {@code #}) with {@code NO} and the reason,
 * as CREATE does ({@link AnsweredCreateProcessor}); James 3.8.1 answered "processing failed" and logged a stack
 * trace.
 */
public final class AnsweredRenameProcessor extends RenameProcessor {
    @Inject
    public AnsweredRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        return Mono.defer(() -> super.processRequestReactive(request, session, responder))
                .onErrorResume(e -> MailboxNameRefusals.of(e).isPresent(),
                        e -> Mono.fromRunnable(() -> no(request, responder,
                                MailboxNameRefusals.isEmpty(request.getNewName(), session) ? MailboxNameRefusals.EMPTY
                                        : MailboxNameRefusals.of(e).orElseThrow())));
    }
}
