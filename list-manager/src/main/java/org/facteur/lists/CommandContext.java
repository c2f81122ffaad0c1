package org.facteur.lists;

import java.util.Optional;

import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;

/** Who sent the commands, to which address, and where the answers go. */
record CommandContext(IncomingMail mail, String sender, Optional<MailingList> impliedList, String domain, Texts texts,
        Replies replies) {

    /** True when the sender logged in to this server as the address in From:. */
    boolean senderIsAuthenticated() {
        return mail.authenticatedUser().map(user -> user.equalsIgnoreCase(sender)).orElse(false);
    }
}
