package org.facteur.pgp;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Facteur's OpenPGP facade: keys, messages and signatures over plain bytes. Stateless and
 * thread-safe. Nothing here exposes Bouncy Castle; messages are OpenPGP v4/SEIPDv1 with SHA-512
 * signatures so that GnuPG 2.2 and sqop read them.
 */
public final class OpenPgp {
  private final KeyGenerator keyGenerator;

  public OpenPgp() {
    this(new KeyGenerator());
  }

  public OpenPgp(KeyGenerator keyGenerator) {
    this.keyGenerator = keyGenerator;
  }

  public GeneratedKey generateKey(KeySpec spec, char[] passphrase) {
    return keyGenerator.generate(spec, passphrase);
  }

  public Certificate readCertificate(byte[] armoredOrBinary) {
    return Certificate.read(armoredOrBinary);
  }

  public SecretKey readSecretKey(byte[] armoredOrBinary) {
    return SecretKey.read(armoredOrBinary);
  }

  /** Encrypts to the recipients only, unsigned (e.g. encryption of stored mail). */
  public byte[] encrypt(byte[] plaintext, Collection<Certificate> recipients, boolean armor) {
    return MessageEncryptor.encrypt(plaintext, recipients, List.of(), armor);
  }

  public byte[] signAndEncrypt(byte[] plaintext, UnlockedKey signer, Collection<Certificate> recipients, boolean armor) {
    return MessageEncryptor.encrypt(plaintext, recipients, List.of(signer), armor);
  }

  public byte[] signAndEncrypt(
      byte[] plaintext, Collection<UnlockedKey> signers, Collection<Certificate> recipients, boolean armor) {
    return MessageEncryptor.encrypt(plaintext, recipients, signers, armor);
  }

  /** Decrypts with any of the keys and checks signatures against the given certificates. */
  public Decryption decrypt(byte[] message, Collection<UnlockedKey> keys, Collection<Certificate> verifiers) {
    return MessageDecryptor.decrypt(message, keys, verifiers);
  }

  public Decryption decrypt(byte[] message, UnlockedKey key, Collection<Certificate> verifiers) {
    return decrypt(message, List.of(key), verifiers);
  }

  /** A detached binary-mode SHA-512 signature, armored or binary. */
  public byte[] signDetached(byte[] data, UnlockedKey signer, boolean armor) {
    return DetachedSignatures.sign(data, List.of(signer), false, armor);
  }

  /** Detached signature by several keys; text mode signs line-ending-normalised text. */
  public byte[] signDetached(byte[] data, Collection<UnlockedKey> signers, boolean textMode, boolean armor) {
    return DetachedSignatures.sign(data, signers, textMode, armor);
  }

  public SignatureStatus verifyDetached(byte[] data, byte[] signature, Collection<Certificate> certificates) {
    return DetachedSignatures.verify(data, signature, certificates);
  }

  /** Symmetric encryption with a passphrase (AES-128, iterated S2K), armored with the given headers. */
  public String encryptWithPassphrase(byte[] plaintext, char[] passphrase, Map<String, String> armorHeaders) {
    return PassphraseEncryption.encryptArmored(plaintext, passphrase, armorHeaders);
  }

  public byte[] decryptWithPassphrase(byte[] message, char[] passphrase) {
    return PassphraseEncryption.decrypt(message, passphrase);
  }

  /** True when the text starts (after blank lines) with an armored PGP MESSAGE block. */
  public static boolean looksLikeArmoredMessage(String text) {
    return text.stripLeading().startsWith("-----BEGIN PGP MESSAGE-----");
  }

}
