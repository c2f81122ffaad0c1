package org.facteur.webmail.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.HttpSession;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.UnlockedKey;
import org.facteur.webmail.encryption.KeyUnlocking;
import org.facteur.webmail.encryption.UnlockedMemberKey;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * Turns the Sign and Encrypt boxes of the compose form into a {@link Protection}, or says what stands in the way,
 * one sentence each: a recipient without a known key (named), no key of her own for the copy in Sent, a key that
 * is locked (the passphrase field of the page unlocks it for the session) or a wrong passphrase. Nothing is sent
 * half-protected: any refusal sends nothing.
 */
@Component
class ProtectionChoice {
    private final RecipientKeys keys;

    ProtectionChoice(RecipientKeys keys) {
        this.keys = keys;
    }

    /** Empty when something was rejected into {@code errors}. */
    Optional<Protection> decide(String member, ComposeForm form, List<InternetAddress> recipients, char[] passphrase,
            HttpSession session, Errors errors) {
        if (!form.isSign() && !form.isEncrypt()) {
            return Optional.of(Protection.NONE);
        }
        if (!keys.available()) {
            errors.reject("compose.pgp.unavailable");
            return Optional.empty();
        }
        UnlockedKey signer = form.isSign() ? signer(member, passphrase, session, errors) : null;
        List<Certificate> encryptTo = form.isEncrypt() ? encryptTo(member, recipients, errors) : List.of();
        return errors.hasErrors() ? Optional.empty() : Optional.of(new Protection(signer, encryptTo));
    }

    private UnlockedKey signer(String member, char[] passphrase, HttpSession session, Errors errors) {
        Optional<UnlockedKey> unlocked = UnlockedMemberKey.of(session);
        if (unlocked.isPresent()) {
            return unlocked.get();
        }
        if (passphrase.length == 0) {
            errors.reject(keys.canSign(member) ? "compose.sign.locked" : "compose.sign.noKey");
            return null;
        }
        switch (KeyUnlocking.unlock(keys.port(), member, passphrase, session)) {
            case WRONG_PASSPHRASE -> errors.reject("compose.sign.wrongPassphrase");
            case NO_KEY -> errors.reject("compose.sign.noKey");
            case UNLOCKED -> {
                return UnlockedMemberKey.of(session).orElse(null);
            }
        }
        return null;
    }

    private List<Certificate> encryptTo(String member, List<InternetAddress> recipients, Errors errors) {
        List<Certificate> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (KeyedRecipient r : keys.of(member, recipients)) {
            if (r.hasKey()) {
                all.addAll(r.certificates());
            } else {
                missing.add(r.address());
            }
        }
        if (!missing.isEmpty()) {
            errors.reject("compose.encrypt.missing", new Object[] {String.join(", ", missing)}, null);
        }
        List<Certificate> own = keys.own(member);
        if (own.isEmpty()) {
            errors.reject("compose.encrypt.noOwnKey");
        }
        all.addAll(own);
        return all;
    }
}
