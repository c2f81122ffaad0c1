package org.facteur.webmail.encryption;

/**
 * The member's own OpenPGP key as the Encryption settings page needs it: a port, implemented where the key store
 * lives (Facteur's {@code deploy} adapts the mail server's key administration). The address is always the logged-in
 * member's; refusals are {@link MemberKeyException}s whose message is one sentence to show.
 */
public interface MemberKeys {
    /** False when this server keeps no OpenPGP keys (the webmail runs without the mail server's key store). */
    boolean available();

    KeyStatus status(String address);

    /** Makes a key protected by the passphrase (8 characters at least), with its revocation certificate; switches off. */
    KeyStatus turnOn(String address, char[] passphrase);

    /** The secret key, still protected by the passphrase, and the revocation certificate; the passphrase must open the key. */
    RecoveryMaterial recoveryMaterial(String address, char[] passphrase);

    KeyStatus changeSwitches(String address, KeySwitches switches);

    /** The armored public key (with its revocation once revoked). */
    String publicKey(String address);

    /** Replaces the member's public key by one kept elsewhere (armored or binary, public part only). */
    KeyStatus importPublicKey(String address, byte[] key);

    /**
     * Takes her existing secret key (armored, with a user ID for her address, able to encrypt) to read and sign mail
     * here; the passphrase must open it (8 characters at least) and keeps protecting it.
     */
    KeyStatus importSecretKey(String address, byte[] key, char[] passphrase);

    KeyStatus changePassphrase(String address, char[] current, char[] next);

    /** Applies the revocation certificate; the passphrase must open the key. */
    KeyStatus revoke(String address, char[] passphrase);

    /**
     * The member's armored secret key, still protected by her passphrase, for the webmail to unlock in memory when
     * she reads encrypted mail; empty without a key made here.
     */
    java.util.Optional<String> protectedSecretKey(String address);

    /**
     * The public certificates this server knows for {@code sender}, to check the signatures of mail {@code member}
     * reads: the key of a local member with that address, and the key {@code member} collected from it by
     * Autocrypt. Read-only, public keys only; empty when none is known.
     */
    java.util.List<org.facteur.pgp.Certificate> signerCertificates(String member, String sender);

    /**
     * The public certificates {@code member} can encrypt mail to {@code recipient} with, now: the key of a local
     * member with that address, and the key {@code member} collected from it by Autocrypt; revoked, expired and
     * certificates without a usable encryption key are left out. Empty when none is known. For the member's own
     * address: her own key (the copy in Sent is encrypted to it).
     */
    java.util.List<org.facteur.pgp.Certificate> recipientCertificates(String member, String recipient);

    /**
     * Looks {@code recipient}'s key up in her domain's Web Key Directory now, at {@code member}'s request; what is found
     * then counts in {@link #recipientCertificates} for a while. A local member's key is answered without a lookup.
     * Empty when the directory has no usable key for the address; a {@link MemberKeyException} (one sentence) when
     * lookups are off or the directory could not be read.
     */
    java.util.Optional<org.facteur.pgp.Certificate> lookUpInWebKeyDirectory(String member, String recipient);

    /** Whether {@link #lookUpInWebKeyDirectory} may be asked at all (the server's setting does not turn it off). */
    boolean looksUpWebKeyDirectories();

    /** What the page shows. {@code fingerprint} is empty without a key. */
    record KeyStatus(String fingerprint, boolean secretKeyHere, boolean revoked, KeySwitches switches) {
        public boolean hasKey() {
            return !fingerprint.isEmpty();
        }
    }

    /** Encrypt incoming mail at rest, publish the key in the Web Key Directory, add an Autocrypt header. */
    record KeySwitches(boolean encryptIncoming, boolean publishInWkd, boolean autocrypt) {
        public static final KeySwitches OFF = new KeySwitches(false, false, false);
    }

    /** The two armored files of the recovery kit. */
    record RecoveryMaterial(String fingerprint, String armoredSecretKey, String armoredRevocation) {
        @Override
        public String toString() {
            return "RecoveryMaterial[" + fingerprint + "]";
        }
    }
}
