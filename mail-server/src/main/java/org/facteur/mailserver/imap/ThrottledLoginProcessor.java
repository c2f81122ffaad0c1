package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

/** James's LOGIN with the login policy around its password check ({@link ImapLoginGuard}). */
public final class ThrottledLoginProcessor extends LoginProcessor {
    private final ImapLoginGuard guard;

    @Inject
    public ThrottledLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                   ImapLoginGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        guard.check(attempt.getAuthenticationId(), session, request, responder,
                guarded -> super.doAuth(attempt, session, request, guarded, failed));
    }
}
