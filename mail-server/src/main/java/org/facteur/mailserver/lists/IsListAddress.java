package org.facteur.mailserver.lists;

import java.util.Collection;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.facteur.lists.ListService;

/** Matches the recipients that are addresses of a list (or the list robot) in one of this server's domains. */
public final class IsListAddress extends GenericMatcher {
    private final ListService lists;

    @Inject
    public IsListAddress(ListService lists) {
        this.lists = lists;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalServer(r.getDomain()) && lists.resolve(r.asString()).isPresent())
                .toList();
    }
}
