package org.facteur.mailserver.lists;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.lists.ListService;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.mailserver.mime.MimeBridge;

/**
 * Gives mail for list addresses to the list manager and sends what it answers. The mail is consumed; if the list
 * manager fails, James's error processor keeps the mail in the error repository, so nothing acknowledged is lost.
 */
public final class ProcessListMail extends GenericMailet {
    private final ListService lists;

    @Inject
    public ProcessListMail(ListService lists) {
        this.lists = lists;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        Optional<String> authUser = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class);
        List<OutgoingMail> out = new ArrayList<>();
        try {
            for (MailAddress recipient : mail.getRecipients()) {
                IncomingMail incoming = new IncomingMail(sender, recipient.asString(), authUser,
                        MimeBridge.toJakarta(mail.getMessage()), mail.getMessageSize());
                out.addAll(lists.handle(incoming));
            }
        } catch (IOException e) {
            throw new MessagingException("The list manager could not read the message: " + e.getMessage(), e);
        }
        ListMailSender.send(getMailetContext(), out);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Facteur mailing lists";
    }
}
