package org.facteur.mailserver.lists;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.MailetContext;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.mailserver.mime.MimeBridge;

/**
 * Hands the list manager's mails to James's spool: local members get them through local delivery, remote ones
 * through the outbound queue. One mail per post with every recipient; remote delivery groups them by domain.
 */
final class ListMailSender {
    /** The processor in mailetcontainer.xml that routes list mail: local domains to transport, the rest to relay. */
    static final String PROCESSOR = "list-delivery";

    private ListMailSender() {
    }

    static void send(MailetContext context, List<OutgoingMail> mails) throws MessagingException {
        for (OutgoingMail outgoing : mails) {
            List<MailAddress> recipients = new ArrayList<>(outgoing.recipients().size());
            for (String recipient : outgoing.recipients()) {
                recipients.add(new MailAddress(recipient));
            }
            MaybeSender sender = outgoing.envelopeSender().isEmpty() ? MaybeSender.nullSender()
                    : MaybeSender.of(new MailAddress(outgoing.envelopeSender()));
            try {
                MailImpl mail = MailImpl.builder()
                        .name("list-" + UUID.randomUUID())
                        .sender(sender)
                        .addRecipients(recipients)
                        .mimeMessage(MimeBridge.toJavax(outgoing.message()))
                        .build();
                try {
                    context.sendMail(mail, PROCESSOR);
                } finally {
                    mail.dispose();
                }
            } catch (IOException e) {
                throw new MessagingException("Cannot hand a list mail to the spool: " + e.getMessage(), e);
            }
        }
    }
}
