package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

/**
 * James's AUTHENTICATE PLAIN (with or without initial response, with or without an authorization identity)
 * with the login policy around its password check ({@link ImapLoginGuard}); the address counted is the one
 * whose password is checked.
 */
public final class ThrottledAuthenticateProcessor extends AuthenticateProcessor {
    private final ImapLoginGuard guard;

    @Inject
    public ThrottledAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                          MetricFactory metricFactory, ImapLoginGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        guard.check(attempt.getAuthenticationId(), session, request, responder,
                guarded -> super.doAuth(attempt, session, request, guarded, failed));
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        guard.check(attempt.getAuthenticationId(), session, request, responder,
                guarded -> super.doAuthWithDelegation(attempt, session, request, guarded));
    }
}
