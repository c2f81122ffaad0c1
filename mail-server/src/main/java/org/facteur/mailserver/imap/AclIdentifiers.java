package org.facteur.mailserver.imap;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxACL.EntryKey;
import org.apache.james.mailbox.model.MailboxACL.NameType;

/**
 * Checks the identifier of SETACL and DELETEACL (RFC 4314 §3.1) before James does, so that a client's mistake gets
 * {@code NO} with a sentence: James 3.8.1 answered "processing failed" and logged a stack trace for an identifier it
 * cannot read as a user name ({@code ""}, {@code "-"}, {@code "@@"}) or for one of another domain.
 */
final class AclIdentifiers {
    static final HumanReadableText NOT_A_USER = new HumanReadableText("org.facteur.imap.acl.NOT_A_USER",
            "failed. The identifier is not a user name: give a member's address, such as bob@example.org.");
    static final HumanReadableText OTHER_DOMAIN = new HumanReadableText("org.facteur.imap.acl.OTHER_DOMAIN",
            "failed. Rights can only be given to members of your own domain: give their full address.");

    private AclIdentifiers() {
    }

    /** Why {@code identifier} cannot get rights from {@code session}'s user, or empty when James may go on. */
    static Optional<HumanReadableText> refusal(String identifier, MailboxSession session) {
        EntryKey key;
        Username name;
        try {
            key = EntryKey.deserialize(identifier);
            if (key.getNameType() == NameType.special) { // owner, authenticated, anyone
                return Optional.empty();
            }
            name = Username.of(key.getName());
        } catch (RuntimeException e) { // empty, '-' or '$' alone, a domain part James cannot read
            return Optional.of(NOT_A_USER);
        }
        return name.getDomainPart().equals(session.getUser().getDomainPart()) ? Optional.empty()
                : Optional.of(OTHER_DOMAIN);
    }
}
