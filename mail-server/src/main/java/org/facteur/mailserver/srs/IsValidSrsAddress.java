package org.facteur.mailserver.srs;

import java.util.Collection;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Matches the recipients that are SRS addresses of our domains with a valid hash and age. */
public final class IsValidSrsAddress extends GenericMatcher {
    private final SrsAddresses srs;

    @Inject
    public IsValidSrsAddress(SrsAddresses srs) {
        this.srs = srs;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalServer(r.getDomain()) && srs.reverse(r.getLocalPart()).isPresent())
                .toList();
    }
}
