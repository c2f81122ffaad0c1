package org.facteur.webmail.encryption;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpSession;

import org.facteur.pgp.PgpException;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.WrongPassphraseException;

/**
 * Unlocks the member's key made here with her passphrase and keeps it in the web session
 * ({@link UnlockedMemberKey}), for the message page (to decrypt) and the compose page (to sign). The passphrase is
 * not kept; a wrong one keeps nothing.
 */
public final class KeyUnlocking {
    public enum Outcome {
        UNLOCKED, WRONG_PASSPHRASE, NO_KEY
    }

    private KeyUnlocking() {
    }

    public static Outcome unlock(MemberKeys keys, String address, char[] passphrase, HttpSession session) {
        String armored;
        try {
            armored = keys.protectedSecretKey(address).orElse(null);
        } catch (MemberKeyException e) {
            armored = null;
        }
        if (armored == null) {
            return Outcome.NO_KEY;
        }
        try {
            UnlockedMemberKey.keep(session, SecretKey.read(armored.getBytes(StandardCharsets.US_ASCII)).unlock(passphrase));
            return Outcome.UNLOCKED;
        } catch (WrongPassphraseException e) {
            return Outcome.WRONG_PASSPHRASE;
        } catch (PgpException e) {
            return Outcome.NO_KEY;
        }
    }
}
