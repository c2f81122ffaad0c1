package org.facteur.mailserver.pgp;

import org.apache.james.core.MailAddress;
import org.facteur.pgp.store.PgpSettings;
import org.facteur.pgp.store.UserKeyStore;

/** Settings lookups from the mail flow, where any address can appear: one the store cannot hold has no settings. */
final class PgpUsers {
    private PgpUsers() {
    }

    static PgpSettings settings(UserKeyStore keys, MailAddress address) {
        try {
            return keys.settings(address.asString());
        } catch (IllegalArgumentException e) {
            return PgpSettings.DISABLED;
        }
    }
}
