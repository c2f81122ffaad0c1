package org.facteur.mailserver.imap;

import org.apache.james.imap.api.display.HumanReadableText;

/** What SETACL and DELETEACL tell a client whose identifier James cannot read as a user name (RFC 4314 §3.1). */
final class AclIdentifiers {
    static final HumanReadableText NOT_A_USER = new HumanReadableText("org.facteur.imap.acl.NOT_A_USER",
            "failed. The identifier is not a user name: give a member's address, such as bob@example.org.");

    private AclIdentifiers() {
    }
}
