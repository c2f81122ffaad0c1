package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.IDRequest;
import org.apache.james.imap.processor.IdProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.login.TrustedNetworks;

import reactor.core.publisher.Mono;

/**
 * James's ID command, which also lets a trusted proxy name the client it speaks for before LOGIN
 * ({@code ID ("x-originating-ip" "203.0.113.7")}): logins on that connection are then counted against the
 * client, not against the proxy (see {@link ImapClientAddress}).
 */
public final class ForwardedClientIdProcessor extends IdProcessor {
    private final TrustedNetworks proxies;

    @Inject
    public ForwardedClientIdProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                      MetricFactory metricFactory, TrustedNetworks proxies) {
        super(mailboxManager, factory, metricFactory);
        this.proxies = proxies;
    }

    @Override
    protected Mono<Void> processRequestReactive(IDRequest request, ImapSession session, Responder responder) {
        return Mono.fromRunnable(() -> ImapClientAddress.acceptForwarded(session, request.getParameters(), proxies))
                .then(super.processRequestReactive(request, session, responder));
    }
}
