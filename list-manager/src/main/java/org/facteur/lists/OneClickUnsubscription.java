package org.facteur.lists;

import java.util.List;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;

/**
 * What a one-click unsubscribe POST did.
 *
 * @param list the list the token belongs to
 * @param address the member the token names (only ever that member)
 * @param left true when the member left now; false when the list's owners approve unsubscriptions and were asked
 * @param mails what to send (the goodbye mail, or the owners' approval requests)
 */
public record OneClickUnsubscription(MailingList list, String address, boolean left, List<OutgoingMail> mails) {
    public OneClickUnsubscription {
        mails = List.copyOf(mails);
    }
}
