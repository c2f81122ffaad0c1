package org.facteur.webmail.encryption;

/** Used when no key store is wired in (the webmail on its own): the page says OpenPGP is not available here. */
public final class NoMemberKeys implements MemberKeys {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public KeyStatus status(String address) {
        return new KeyStatus("", false, false, KeySwitches.OFF);
    }

    @Override
    public KeyStatus turnOn(String address, char[] passphrase) {
        throw unavailable();
    }

    @Override
    public RecoveryMaterial recoveryMaterial(String address, char[] passphrase) {
        throw unavailable();
    }

    @Override
    public KeyStatus changeSwitches(String address, KeySwitches switches) {
        throw unavailable();
    }

    @Override
    public String publicKey(String address) {
        throw unavailable();
    }

    @Override
    public KeyStatus importPublicKey(String address, byte[] key) {
        throw unavailable();
    }

    @Override
    public KeyStatus changePassphrase(String address, char[] current, char[] next) {
        throw unavailable();
    }

    @Override
    public KeyStatus revoke(String address, char[] passphrase) {
        throw unavailable();
    }

    @Override
    public java.util.Optional<String> protectedSecretKey(String address) {
        return java.util.Optional.empty();
    }

    @Override
    public java.util.List<org.facteur.pgp.Certificate> signerCertificates(String member, String sender) {
        return java.util.List.of();
    }

    @Override
    public java.util.List<org.facteur.pgp.Certificate> recipientCertificates(String member, String recipient) {
        return java.util.List.of();
    }

    @Override
    public java.util.Optional<org.facteur.pgp.Certificate> lookUpInWebKeyDirectory(String member, String recipient) {
        throw unavailable();
    }

    @Override
    public KeyStatus importSecretKey(String address, byte[] key, char[] passphrase) {
        throw unavailable();
    }

    @Override
    public boolean looksUpWebKeyDirectories() {
        return false;
    }

    private static MemberKeyException unavailable() {
        return new MemberKeyException("OpenPGP is not available on this server.");
    }
}
