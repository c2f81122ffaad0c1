package org.facteur.mailserver.pgp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepositoryException;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.admin.JamesServices;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.RevocationCertificate;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.WrongPassphraseException;
import org.facteur.pgp.store.Addresses;
import org.facteur.pgp.store.PgpSettings;
import org.facteur.pgp.store.UserKeyStore;
import org.facteur.pgp.wkd.WebKeyDirectory;

/**
 * OpenPGP administration of local users, behind {@code ./facteur admin pgp ...}: a key made here (protected by
 * the user's passphrase, with its revocation certificate) or an imported public key, and the user's settings.
 * Addresses are case-insensitive and must be mailboxes of this server. Errors are {@link AdminException}s.
 */
public final class UserKeys {
    private final UserKeyStore store;
    private final JamesServices james;
    private final OpenPgp pgp;
    private final Optional<WebKeyDirectoryLookup> wkd;
    private final WebKeyDirectoryKeys wkdKeys;

    /** Without Web Key Directory lookups. */
    public UserKeys(UserKeyStore store, JamesServices james, OpenPgp pgp) {
        this(store, james, pgp, Optional.empty(), new WebKeyDirectoryKeys(java.time.Clock.systemUTC()));
    }

    /** With {@code wkd}: members may look correspondents' keys up in their domains' Web Key Directories. */
    public UserKeys(UserKeyStore store, JamesServices james, OpenPgp pgp, Optional<WebKeyDirectoryLookup> wkd,
                    WebKeyDirectoryKeys wkdKeys) {
        this.store = store;
        this.james = james;
        this.pgp = pgp;
        this.wkd = wkd;
        this.wkdKeys = wkdKeys;
    }

    /** What {@code pgp status} shows. {@code fingerprint} is empty without a key. */
    public record Status(String address, String fingerprint, List<String> userIds, boolean secretKeyHere,
                         boolean revoked, Optional<Instant> expires, PgpSettings settings, String wkdPath) {
    }

    public UserKeyStore store() {
        return store;
    }

    /**
     * Makes a key for the user if there is none (an existing key must open with the passphrase), then saves the
     * settings. A key imported without its secret part keeps working: the passphrase is then not needed.
     */
    public Status enable(String address, char[] passphrase, PgpSettings settings) {
        String user = localUser(address);
        if (store.certificate(user).isEmpty()) {
            if (passphrase == null || passphrase.length < 8) {
                throw AdminException.invalid("A passphrase of at least 8 characters protects the new key; give it with --passphrase.");
            }
            GeneratedKey key = pgp.generateKey(KeySpec.forMailbox(null, user), passphrase);
            store.saveKey(user, key.secretKey(), key.revocation());
        } else {
            store.secretKey(user).ifPresent(secret -> unlock(user, secret, passphrase));
            Certificate certificate = store.certificate(user).orElseThrow();
            if (settings.encryptIncoming() && !certificate.canEncrypt()) {
                throw AdminException.conflict("The key of " + user + " cannot encrypt (revoked or expired); import a new one first.");
            }
        }
        store.saveSettings(user, settings);
        return status(user);
    }

    public Status status(String address) {
        String user = localUser(address);
        Optional<Certificate> certificate = store.certificate(user);
        return new Status(user, certificate.map(Certificate::fingerprint).orElse(""),
                certificate.map(Certificate::userIds).orElse(List.of()), store.secretKey(user).isPresent(),
                certificate.map(Certificate::isRevoked).orElse(false), certificate.flatMap(Certificate::expiresAt),
                store.settings(user), WebKeyDirectory.directPath(user));
    }

    /** The armored public key (with its revocation, once revoked). */
    public String exportPublicKey(String address) {
        String user = localUser(address);
        return certificateOf(user).armored();
    }

    /** The armored secret key, still protected by its passphrase; the passphrase must open it. */
    public String exportSecretKey(String address, char[] passphrase) {
        String user = localUser(address);
        SecretKey secret = secretKeyOf(user);
        unlock(user, secret, passphrase);
        return secret.armored();
    }

    /**
     * Replaces the user's public key by an imported one (armored or binary), for users who keep their secret key
     * elsewhere: incoming mail is then encrypted to it and WKD publishes it. Secret keys are not accepted here.
     */
    public Status importKey(String address, byte[] key) {
        String user = localUser(address);
        String text = new String(key, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY BLOCK")) {
            throw AdminException.invalid("Import a public key only; the secret key stays with its owner.");
        }
        Certificate certificate;
        try {
            certificate = pgp.readCertificate(key);
        } catch (PgpException | IllegalArgumentException e) {
            throw AdminException.invalid("This is not an OpenPGP public key (" + e.getMessage() + ").");
        }
        if (!certificate.hasUserIdFor(user)) {
            throw AdminException.invalid("The key has no user ID for " + user + " (it has " + certificate.userIds() + ").");
        }
        Optional<SecretKey> madeHere = store.secretKey(user);
        if (madeHere.isPresent() && !madeHere.get().fingerprint().equals(certificate.fingerprint())) {
            throw AdminException.conflict(user + " already has a key made on this server (" + madeHere.get().fingerprint()
                    + "); remove it before importing another one.");
        }
        store.saveCertificate(user, certificate);
        return status(user);
    }

    /**
     * Takes a member's existing secret key (armored or binary, as {@code gpg --export-secret-keys} gives it) to read and
     * sign mail here as with a key made here: it must have a user ID for the address, be able to encrypt now, and open
     * with {@code passphrase} (8 characters at least), which protects it here too. A revocation certificate is made for
     * it now, for the recovery kit. A different key made here is not replaced (revoke it first).
     */
    public Status importSecretKey(String address, byte[] key, char[] passphrase) {
        String user = localUser(address);
        SecretKey secret;
        try {
            secret = pgp.readSecretKey(key);
        } catch (PgpException | IllegalArgumentException e) {
            throw AdminException.invalid("This is not an OpenPGP secret key (" + e.getMessage() + ").");
        }
        Certificate certificate = secret.certificate();
        if (!certificate.hasUserIdFor(user)) {
            throw AdminException.invalid("The key has no user ID for " + user + " (it has " + certificate.userIds() + ").");
        }
        if (!certificate.canEncrypt() || certificate.expiresAt().map(e -> !e.isAfter(Instant.now())).orElse(false)) {
            throw AdminException.invalid("This key cannot encrypt: it is revoked, expired, or has no encryption subkey.");
        }
        Optional<SecretKey> madeHere = store.secretKey(user);
        if (madeHere.isPresent() && !madeHere.get().fingerprint().equals(secret.fingerprint())) {
            throw AdminException.conflict(user + " already has a key made on this server (" + madeHere.get().fingerprint()
                    + "); revoke it before bringing another one.");
        }
        if (passphrase == null || passphrase.length < 8) {
            throw AdminException.invalid("Give the key's passphrase (at least 8 characters; a key without one, or with a "
                    + "shorter one, must get a longer one in your OpenPGP program first).");
        }
        org.facteur.pgp.UnlockedKey unlocked = unlock(user, secret, passphrase);
        store.saveKey(user, unlocked.lock(passphrase), unlocked.revocationCertificate(Instant.now()));
        return status(user);
    }

    /**
     * Revokes the key made here with the revocation certificate created together with it; the passphrase must open
     * the key. Encryption of incoming mail stops; WKD keeps serving the revoked key so that others learn about it.
     */
    public Status revoke(String address, char[] passphrase) {
        String user = localUser(address);
        SecretKey secret = store.secretKey(user).orElseThrow(() ->
                AdminException.notFound(user + " has no key made on this server to revoke."));
        unlock(user, secret, passphrase);
        RevocationCertificate revocation = revocationOf(user);
        store.saveKey(user, secret.withRevocation(revocation), revocation);
        PgpSettings settings = store.settings(user);
        store.saveSettings(user, new PgpSettings(false, settings.publishInWkd(), false));
        return status(user);
    }

    /**
     * Saves the user's settings alone, for a caller that has already authenticated the user (the webmail's
     * settings page): no passphrase, since nothing here opens the key. Encrypting incoming mail needs a key that can.
     */
    public Status changeSettings(String address, PgpSettings settings) {
        String user = localUser(address);
        Certificate certificate = certificateOf(user);
        if (settings.encryptIncoming() && !certificate.canEncrypt()) {
            throw AdminException.conflict("The key of " + user + " cannot encrypt (revoked or expired); import a new one first.");
        }
        store.saveSettings(user, settings);
        return status(user);
    }

    /**
     * The public certificates this server knows for {@code sender}, as {@code reader} (a mailbox here) sees them:
     * the key of {@code sender} if it is a mailbox here with one, then the key {@code reader} collected from
     * {@code sender} by Autocrypt, then the key a member found in {@code sender}'s Web Key Directory (recently, see
     * {@link WebKeyDirectoryKeys}). Read-only, public keys only; empty for an address that is not a mail address.
     */
    public List<Certificate> knownCertificates(String reader, String sender) {
        String user = localUser(reader);
        String peer;
        try {
            peer = Addresses.normalize(sender);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Certificate> known = new java.util.ArrayList<>();
        if (isMailbox(peer)) {
            store.certificate(peer).ifPresent(known::add);
        }
        store.peer(user, peer).map(org.facteur.pgp.autocrypt.PeerState::certificate).ifPresent(known::add);
        wkdKeys.recent(peer).filter(c -> !known.contains(c)).ifPresent(known::add);
        return List.copyOf(known);
    }

    /** Whether members may look keys up in Web Key Directories ({@code FACTEUR_OUTBOUND_WKD_LOOKUP} is not off). */
    public boolean looksUpWebKeyDirectories() {
        return wkd.isPresent();
    }

    /**
     * Looks {@code address}'s key up in its domain's Web Key Directory for {@code member} (a mailbox here), now, and
     * keeps what is found for {@link #knownCertificates}. A mailbox here is answered from this server's own keys,
     * without any fetch. Empty when the directory has no key for the address that can encrypt.
     *
     * @throws AdminException when lookups are off, the address is not one, or the directory could not be read (the
     *                        message is one sentence saying which)
     */
    public Optional<Certificate> lookUpInWebKeyDirectory(String member, String address) {
        localUser(member);
        String peer;
        try {
            peer = Addresses.normalize(address);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid("'" + address + "' is not a mail address.");
        }
        if (isMailbox(peer)) {
            return store.certificate(peer).filter(Certificate::canEncrypt);
        }
        WebKeyDirectoryLookup lookup = wkd.orElseThrow(() -> AdminException.conflict(
                "This server does not look keys up in Web Key Directories (FACTEUR_OUTBOUND_WKD_LOOKUP=off)."));
        try {
            Optional<Certificate> found = lookup.find(peer);
            wkdKeys.remember(peer, found);
            return found;
        } catch (WebKeyDirectoryLookup.LookupFailure e) {
            throw AdminException.notFound(e.getMessage());
        }
    }

    /** The user's key made here, still protected by its passphrase (empty for an imported public key or none). */
    public Optional<SecretKey> secretKey(String address) {
        return store.secretKey(localUser(address));
    }

    /** The armored revocation certificate made with the key; the passphrase must open the key. */
    public String exportRevocation(String address, char[] passphrase) {
        String user = localUser(address);
        SecretKey secret = secretKeyOf(user);
        unlock(user, secret, passphrase);
        return revocationOf(user).armored();
    }

    /** Protects the key made here with a new passphrase (8 characters at least); the current one must open it. */
    public Status changePassphrase(String address, char[] current, char[] next) {
        String user = localUser(address);
        SecretKey secret = secretKeyOf(user);
        if (next == null || next.length < 8) {
            throw AdminException.invalid("The new passphrase must have at least 8 characters.");
        }
        SecretKey relocked = unlock(user, secret, current).lock(next);
        store.saveKey(user, relocked, revocationOf(user));
        return status(user);
    }

    /**
     * Web Key Directory: the key to serve for a hashed local part in one of this server's domains, if its owner
     * chose to publish it. Only the user IDs naming the address are included (revocations are).
     */
    public Optional<byte[]> wkdKey(String domain, String hashedLocalPart) {
        String d = domain.toLowerCase(Locale.ROOT);
        return published(u -> u.endsWith("@" + d) && hashOf(u).equals(hashedLocalPart)).stream().findFirst();
    }

    /**
     * WKD's direct method when the request's host is not one of our domains (a proxy, an IP address): the local part
     * given in {@code l=} and its hash must designate exactly one publishing user across our domains.
     */
    public Optional<byte[]> wkdKeyByLocalPart(String localPart, String hashedLocalPart) {
        if (!WebKeyDirectory.hashedLocalPart(localPart).equals(hashedLocalPart)) {
            return Optional.empty();
        }
        String local = localPart.toLowerCase(Locale.ROOT);
        List<byte[]> found = published(u -> u.startsWith(local + "@") && u.indexOf('@') == local.length());
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    public boolean servesDomain(String domain) {
        try {
            return james.domains().containsDomain(Domain.of(domain));
        } catch (DomainListException | IllegalArgumentException e) {
            return false;
        }
    }

    private List<byte[]> published(java.util.function.Predicate<String> which) {
        return store.users().stream()
                .filter(which)
                .filter(u -> store.settings(u).publishInWkd())
                .flatMap(u -> store.certificate(u).map(c -> WebKeyDirectory.publishedKey(c, u)).stream())
                .toList();
    }

    private static String hashOf(String address) {
        return WebKeyDirectory.hashedLocalPart(address.substring(0, address.lastIndexOf('@')));
    }

    private Certificate certificateOf(String user) {
        return store.certificate(user).orElseThrow(() ->
                AdminException.notFound(user + " has no OpenPGP key; run: facteur admin pgp enable " + user + " --passphrase ..."));
    }

    private RevocationCertificate revocationOf(String user) {
        return store.revocation(user).orElseThrow(() ->
                AdminException.notFound("The revocation certificate of " + user + "'s key is missing."));
    }

    private SecretKey secretKeyOf(String user) {
        return store.secretKey(user).orElseThrow(() ->
                AdminException.notFound(user + " has no secret key on this server (the key was imported without it)."));
    }

    private static org.facteur.pgp.UnlockedKey unlock(String user, SecretKey secret, char[] passphrase) {
        try {
            return secret.unlock(passphrase);
        } catch (WrongPassphraseException e) {
            throw AdminException.invalid("Wrong passphrase for " + user + "'s key.");
        }
    }

    private boolean isMailbox(String user) {
        try {
            return james.users().contains(Username.of(user));
        } catch (IllegalArgumentException e) {
            return false;
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Cannot look up " + user + ": " + e.getMessage(), e);
        }
    }

    private String localUser(String address) {
        String user;
        try {
            user = Addresses.normalize(address);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
        if (!isMailbox(user)) {
            throw AdminException.notFound(user + " is not a mailbox of this server.");
        }
        return user;
    }
}
