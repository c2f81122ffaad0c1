package org.facteur.lists.posting;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/**
 * Removes what belongs to the poster's own delivery: their DKIM signatures (which the list's changes break),
 * Return-Path and delivery traces, and any Bcc.
 */
final class CleanseHeaders implements CopyDecorator {
    private static final String[] REMOVED = {"DKIM-Signature", "Return-Path", "Delivered-To", "X-Original-To", "Bcc",
        "Approved", "Approve"};

    @Override
    public void decorate(MailingList list, MimeMessage copy) throws MessagingException {
        for (String header : REMOVED) {
            copy.removeHeader(header);
        }
    }
}
