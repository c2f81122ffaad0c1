package org.facteur.webmail.encryption;

import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.webmail.WebmailSlice;
import org.springframework.mock.web.MockHttpSession;

/**
 * Alice's web session with her key unlocked, as the passphrase form of the message page leaves it, for the tests of
 * what the webmail does only while the key is unlocked (one key made per test run: making keys is slow).
 */
public final class UnlockedSessions {
    public static final String PASSPHRASE = "le phare de la pointe";
    private static GeneratedKey key;

    private UnlockedSessions() {
    }

    /** Alice's key, made once. */
    public static synchronized GeneratedKey aliceKey() {
        if (key == null) {
            key = new OpenPgp().generateKey(KeySpec.forMailbox(null, WebmailSlice.Sessions.ALICE), PASSPHRASE.toCharArray());
        }
        return key;
    }

    public static MockHttpSession alice() {
        MockHttpSession session = WebmailSlice.Sessions.alice();
        UnlockedMemberKey.keep(session, aliceKey().secretKey().unlock(PASSPHRASE.toCharArray()));
        return session;
    }
}
