package org.facteur.mailserver.srs;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First mailet of the relay processor: mail leaving for a remote server with a sender of another domain is mail we
 * forward (an alias to a remote address); its envelope sender becomes an SRS address of the forwarding domain, so
 * SPF at the receiver checks our domain and bounces come back to us ({@link AcceptSrsRecipientsHook}). Mail from
 * our own users, lists and DSNs (null sender) leaves unchanged.
 */
public final class RewriteForwardedSender extends GenericMailet {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteForwardedSender.class);

    private final SrsAddresses srs;
    private final DomainList domains;

    @Inject
    public RewriteForwardedSender(SrsAddresses srs, DomainList domains) {
        this.srs = srs;
        this.domains = domains;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty() || getMailetContext().isLocalServer(sender.get().getDomain())) {
            return;
        }
        Optional<String> domain = ForwardingDomain.of(mail).filter(d -> getMailetContext().isLocalServer(Domain.of(d)))
                .or(this::anyOfOurDomains);
        Optional<String> rewritten = domain.flatMap(d -> srs.forward(sender.get().getLocalPart(), sender.get().getDomain().asString(), d));
        if (rewritten.isEmpty()) {
            LOG.info("Forwarding {} with its own sender: it cannot be written as an SRS address", mail.getName());
            return;
        }
        if (!(mail instanceof MailImpl impl)) {
            throw new MessagingException("Cannot change the sender of a " + mail.getClass().getName());
        }
        impl.setSender(new MailAddress(rewritten.get()));
    }

    private Optional<String> anyOfOurDomains() {
        try {
            return domains.getDomains().stream().map(Domain::asString).filter(d -> d.contains(".")).sorted().findFirst();
        } catch (DomainListException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur SRS: rewrites the sender of forwarded mail";
    }
}
