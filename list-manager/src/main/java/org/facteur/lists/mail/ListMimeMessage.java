package org.facteur.lists.mail;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A MimeMessage that keeps the poster's Message-ID when saved, so that threads survive the list. */
public final class ListMimeMessage extends MimeMessage {
    public ListMimeMessage(Session session) {
        super(session);
    }

    public ListMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}
