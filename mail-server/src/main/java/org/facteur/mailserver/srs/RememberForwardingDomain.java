package org.facteur.mailserver.srs;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Before the recipient rewrite table: for mail from another domain, notes the domain of its first local recipient.
 * A copy the table forwards to a remote address keeps the note (attributes travel with duplicates), and
 * {@link RewriteForwardedSender} writes its SRS address in that domain: the alias's own.
 */
public final class RememberForwardingDomain extends GenericMailet {

    @Override
    public void service(Mail mail) {
        if (ForwardingDomain.of(mail).isPresent()) {
            return;
        }
        boolean foreignSender = mail.getMaybeSender().asOptional()
                .map(sender -> !getMailetContext().isLocalServer(sender.getDomain())).orElse(false);
        if (foreignSender) {
            mail.getRecipients().stream().map(MailAddress::getDomain).filter(getMailetContext()::isLocalServer).findFirst()
                    .ifPresent(domain -> ForwardingDomain.set(mail, domain.asString()));
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur SRS: remembers the forwarding domain";
    }
}
