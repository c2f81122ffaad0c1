package org.facteur.lists.posting;

import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/** Keeps a distributed post, as members get it, for the list's digest readers. */
@FunctionalInterface
public interface DigestKeeper {
    /** For a list manager without digests. */
    DigestKeeper NONE = (list, copy) -> {
    };

    void keep(MailingList list, MimeMessage copy);
}
