package org.facteur.app.pgp;

import java.util.function.Supplier;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.pgp.UserKeys;
import org.facteur.pgp.store.PgpSettings;
import org.facteur.webmail.encryption.MemberKeyException;
import org.facteur.webmail.encryption.MemberKeys;
import org.springframework.stereotype.Component;

/**
 * The webmail's Encryption page on the mail server's key administration ({@link UserKeys}, the one behind
 * {@code ./facteur admin pgp}): the same rules and refusals, for the logged-in member's own address.
 */
@Component
class MemberKeysOnMailServer implements MemberKeys {
    private final MailServerLifecycle mail;

    MemberKeysOnMailServer(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public KeyStatus status(String address) {
        return call(() -> status(keys().status(address)));
    }

    @Override
    public KeyStatus turnOn(String address, char[] passphrase) {
        return call(() -> status(keys().enable(address, passphrase, new PgpSettings(false, false, false))));
    }

    @Override
    public RecoveryMaterial recoveryMaterial(String address, char[] passphrase) {
        return call(() -> {
            UserKeys keys = keys();
            String secret = keys.exportSecretKey(address, passphrase);
            return new RecoveryMaterial(keys.status(address).fingerprint(), secret, keys.exportRevocation(address, passphrase));
        });
    }

    @Override
    public KeyStatus changeSwitches(String address, KeySwitches s) {
        return call(() -> status(keys().changeSettings(address, new PgpSettings(s.encryptIncoming(), s.publishInWkd(), s.autocrypt()))));
    }

    @Override
    public String publicKey(String address) {
        return call(() -> keys().exportPublicKey(address));
    }

    @Override
    public KeyStatus importPublicKey(String address, byte[] key) {
        return call(() -> status(keys().importKey(address, key)));
    }

    @Override
    public KeyStatus importSecretKey(String address, byte[] key, char[] passphrase) {
        return call(() -> status(keys().importSecretKey(address, key, passphrase)));
    }

    @Override
    public KeyStatus changePassphrase(String address, char[] current, char[] next) {
        return call(() -> status(keys().changePassphrase(address, current, next)));
    }

    @Override
    public KeyStatus revoke(String address, char[] passphrase) {
        return call(() -> status(keys().revoke(address, passphrase)));
    }

    @Override
    public java.util.Optional<String> protectedSecretKey(String address) {
        return call(() -> keys().secretKey(address).map(org.facteur.pgp.SecretKey::armored));
    }

    @Override
    public java.util.List<org.facteur.pgp.Certificate> signerCertificates(String member, String sender) {
        return call(() -> keys().knownCertificates(member, sender));
    }

    @Override
    public java.util.List<org.facteur.pgp.Certificate> recipientCertificates(String member, String recipient) {
        java.time.Instant now = java.time.Instant.now();
        return call(() -> keys().knownCertificates(member, recipient)).stream()
                .filter(org.facteur.pgp.Certificate::canEncrypt)
                .filter(c -> c.expiresAt().map(now::isBefore).orElse(true))
                .toList();
    }

    @Override
    public java.util.Optional<org.facteur.pgp.Certificate> lookUpInWebKeyDirectory(String member, String recipient) {
        return call(() -> keys().lookUpInWebKeyDirectory(member, recipient));
    }

    @Override
    public boolean looksUpWebKeyDirectories() {
        return mail.server().map(s -> s.pgp().looksUpWebKeyDirectories()).orElse(false);
    }

    private UserKeys keys() {
        return mail.server().orElseThrow(() -> new MemberKeyException("The mail server is still starting; try again in a moment.")).pgp();
    }

    private static KeyStatus status(UserKeys.Status s) {
        PgpSettings p = s.settings();
        return new KeyStatus(s.fingerprint(), s.secretKeyHere(), s.revoked(),
                new KeySwitches(p.encryptIncoming(), p.publishInWkd(), p.autocrypt()));
    }

    /** The administration's refusals are already one sentence each; the page shows them as they are. */
    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (AdminException e) {
            throw new MemberKeyException(e.getMessage());
        }
    }
}
