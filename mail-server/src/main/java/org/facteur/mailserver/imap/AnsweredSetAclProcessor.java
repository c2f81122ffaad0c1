package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SetACLRequest;
import org.apache.james.imap.processor.SetACLProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's SETACL, answering an identifier that is not a user name ({@code ""}, {@code "-"}, {@code "@@"}) or
 * one of another domain with {@code NO} and the reason ({@link AclIdentifiers}); James 3.8.1 answered "processing
 * failed" and logged a stack trace for a client's mistake.
 */
public final class AnsweredSetAclProcessor extends SetACLProcessor {
    @Inject
    public AnsweredSetAclProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(SetACLRequest request, ImapSession session, Responder responder) {
        Optional<HumanReadableText> refusal =
                AclIdentifiers.refusal(request.getIdentifier(), session.getMailboxSession());
        if (refusal.isPresent()) {
            return Mono.fromRunnable(() -> no(request, responder, refusal.get()));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
