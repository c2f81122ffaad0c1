package org.facteur.mailserver.imap;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.message.request.IRAuthenticateRequest;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import com.google.common.collect.ImmutableList;

/**
 * James's AUTHENTICATE PLAIN (with or without initial response, with or without an authorization identity)
 * with the login policy around its password check ({@link ImapLoginGuard}); the address counted is the one
 * whose password is checked. Also AUTHENTICATE LOGIN ({@link SaslLoginExchange}) for the old clients that know no
 * other mechanism: announced and allowed exactly where PLAIN is (not in clear text before STARTTLS), its password
 * checked by the same {@link #doAuth} under the same policy.
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
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        if (!SaslLoginExchange.MECHANISM.equalsIgnoreCase(request.getAuthType())) {
            super.processRequest(request, session, responder);
        } else if (session.isPlainAuthDisallowed()) {
            no(request, responder, HumanReadableText.DISABLED_LOGIN);
        } else {
            new SaslLoginExchange(session, responder,
                    (user, password) -> doAuth(noDelegation(user, password), session, request, responder,
                            HumanReadableText.AUTHENTICATION_FAILED),
                    text -> taggedBad(request, responder, text))
                    .start(request instanceof IRAuthenticateRequest withUser
                            ? Optional.of(withUser.getInitialClientResponse()) : Optional.empty());
        }
    }

    /** James's list, with AUTH=LOGIN where it has AUTH=PLAIN. */
    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        List<Capability> james = super.getImplementedCapabilities(session);
        return james.contains(AUTH_PLAIN_CAPABILITY)
                ? Stream.concat(james.stream(), Stream.of(SaslLoginExchange.CAPABILITY)).collect(ImmutableList.toImmutableList())
                : james;
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
