package org.facteur.lists.posting;

import java.util.Optional;

import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;

/** A message sent to a list's posting address, with what the rules need to know about its author. */
public record Post(MailingList list, IncomingMail mail, Optional<String> author, Optional<Member> authorMembership) {

    /** True when the poster logged in to this server as the address in From:, so From: cannot be forged. */
    public boolean authorIsAuthenticated() {
        return author.isPresent() && mail.authenticatedUser().map(user -> user.equalsIgnoreCase(author.get())).orElse(false);
    }
}
