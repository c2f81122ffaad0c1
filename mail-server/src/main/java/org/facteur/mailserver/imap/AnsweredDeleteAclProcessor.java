package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.DeleteACLRequest;
import org.apache.james.imap.processor.DeleteACLProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's DELETEACL, answering an identifier that is not a user name ({@code ""}, {@code "-"}, {@code "@@"}) or
 * one of another domain with {@code NO} and the reason ({@link AclIdentifiers}); James 3.8.1 answered "processing
 * failed" and logged a stack trace for a client's mistake.
 */
public final class AnsweredDeleteAclProcessor extends DeleteACLProcessor {
    @Inject
    public AnsweredDeleteAclProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                      MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(DeleteACLRequest request, ImapSession session, Responder responder) {
        Optional<HumanReadableText> refusal =
                AclIdentifiers.refusal(request.getIdentifier(), session.getMailboxSession());
        if (refusal.isPresent()) {
            return Mono.fromRunnable(() -> no(request, responder, refusal.get()));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
