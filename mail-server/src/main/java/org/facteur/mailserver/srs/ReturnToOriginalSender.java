package org.facteur.mailserver.srs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail for our SRS addresses (a bounce or a reply to mail we forwarded, matched by {@link IsValidSrsAddress}) is sent
 * on to the address each one stands for, as a new mail of this server (so it may be relayed), and the original is
 * consumed.
 */
public final class ReturnToOriginalSender extends GenericMailet {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnToOriginalSender.class);

    private final SrsAddresses srs;

    @Inject
    public ReturnToOriginalSender(SrsAddresses srs) {
        this.srs = srs;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> originals = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<String> original = srs.reverse(recipient.getLocalPart());
            if (original.isPresent()) {
                originals.add(new MailAddress(original.get()));
                LOG.info("Mail {} for {} goes back to {}", mail.getName(), recipient.asString(), original.get());
            }
        }
        if (!originals.isEmpty()) {
            Mail back = mail.duplicate();
            try {
                back.setRecipients(originals);
                ForwardingDomain.set(back, mail.getRecipients().iterator().next().getDomain().asString());
                getMailetContext().sendMail(back, Mail.DEFAULT);
            } finally {
                LifecycleUtil.dispose(back);
            }
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Facteur SRS: returns mail for SRS addresses to the original sender";
    }
}
