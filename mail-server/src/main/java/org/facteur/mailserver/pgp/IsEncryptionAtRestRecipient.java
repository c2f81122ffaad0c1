package org.facteur.mailserver.pgp;

import java.util.Collection;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.facteur.pgp.store.UserKeyStore;

/** Matches local recipients who turned on "encrypt incoming mail" (their settings in the OpenPGP key store). */
public final class IsEncryptionAtRestRecipient extends GenericMatcher {
    private final UserKeyStore keys;

    @Inject
    public IsEncryptionAtRestRecipient(UserKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalServer(r.getDomain()) && PgpUsers.settings(keys, r).encryptIncoming())
                .toList();
    }
}
