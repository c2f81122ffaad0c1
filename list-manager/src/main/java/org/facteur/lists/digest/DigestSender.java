package org.facteur.lists.digest;

import java.util.List;

import org.facteur.lists.mail.OutgoingMail;

/**
 * Hands a digest's mails to the mail server. It runs while the store holds the digest's posts: when it returns, the
 * posts are gone for good; when it throws, they wait for the next digest.
 */
@FunctionalInterface
public interface DigestSender {
    void send(List<OutgoingMail> mails) throws Exception;
}
