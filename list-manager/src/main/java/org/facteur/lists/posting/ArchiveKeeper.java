package org.facteur.lists.posting;

import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.MailingList;

/**
 * Keeps a distributed post, as members get it, in the list's archive: called once per post (not once per copy), and
 * only for posts that are distributed, so held posts reach the archive when approved and robot mail never does.
 */
@FunctionalInterface
public interface ArchiveKeeper {
    /** For a list manager without archives. */
    ArchiveKeeper NONE = (list, copy) -> Optional.empty();

    /** @return the post's id in the archive (its {@code Archived-At} URL ends with it); empty when it was not archived */
    Optional<String> keep(MailingList list, MimeMessage copy);
}
