package org.facteur.lists.posting;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/** One step of the accept pipeline: changes the copy members receive (Mailman's handlers). */
@FunctionalInterface
interface CopyDecorator {
    void decorate(MailingList list, MimeMessage copy) throws MessagingException;
}
