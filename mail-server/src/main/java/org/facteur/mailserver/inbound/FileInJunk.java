package org.facteur.mailserver.inbound;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;

/**
 * Files mail in each local recipient's Junk folder (RFC 6154 {@code \Junk}, made with every mailbox) instead of INBOX,
 * through James's storage directive, which LocalDelivery reads. Matched by the attribute {@link InboundAuthHook} sets on
 * mail DMARC says to quarantine.
 */
public final class FileInJunk extends GenericMailet {
    static final String JUNK = "Junk";

    @Override
    public void service(Mail mail) {
        StorageDirective junk = StorageDirective.builder().targetFolder(Optional.of(JUNK)).build();
        for (MailAddress recipient : mail.getRecipients()) {
            junk.encodeAsAttributes(Username.fromMailAddress(recipient)).forEach(mail::setAttribute);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur: files mail in the recipients' Junk folder";
    }
}
