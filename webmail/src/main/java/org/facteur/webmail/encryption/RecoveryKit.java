package org.facteur.webmail.encryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The one download that finishes turning OpenPGP on: a zip of {@code secret-key.asc} (still protected by the
 * passphrase), {@code revocation.asc} and {@code READ-ME-FIRST.txt}, a printable page with the fingerprint and what
 * each file is for.
 */
final class RecoveryKit {
    static final String SECRET_KEY = "secret-key.asc";
    static final String REVOCATION = "revocation.asc";
    static final String READ_ME = "READ-ME-FIRST.txt";

    private RecoveryKit() {
    }

    static String fileName(String address) {
        return "openpgp-recovery-kit-" + address.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
    }

    static byte[] zip(String address, MemberKeys.RecoveryMaterial material) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, READ_ME, readMe(address, material.fingerprint()));
            entry(zip, SECRET_KEY, material.armoredSecretKey());
            entry(zip, REVOCATION, material.armoredRevocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String grouped(String fingerprint) {
        return fingerprint.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String readMe(String address, String fingerprint) {
        return """
                OpenPGP recovery kit of %1$s
                ============================

                Fingerprint of your key:

                    %2$s

                Print this page and keep it with the two files, somewhere safe and offline
                (a USB stick in a drawer, a password manager). Anyone who sees your key's
                fingerprint can check that a public key really is yours.

                secret-key.asc
                    Your secret key, protected by your passphrase. It is what opens the mail
                    encrypted to you, in any OpenPGP program (Thunderbird: Account settings,
                    End-to-end encryption, Add key, Import an existing OpenPGP key; GnuPG:
                    gpg --import secret-key.asc). Without it, or without its passphrase, mail
                    encrypted to you cannot be read by anyone, the server included.

                revocation.asc
                    Tells the world your key must no longer be used. Import it (Thunderbird:
                    OpenPGP Key Manager, File, Import revocation; GnuPG: gpg --import
                    revocation.asc) and publish the result only if your secret key was stolen
                    or lost together with its passphrase. Anyone holding this file can revoke
                    your key, so keep it as carefully as the secret key.

                Your passphrase is not in this kit. Write it down separately if you fear
                forgetting it: the server cannot recover it.

                ---

                Kit de secours OpenPGP de %1$s. Empreinte de votre clé : %2$s.
                secret-key.asc : votre clé secrète, protégée par votre phrase secrète ; elle
                ouvre le courrier chiffré pour vous dans tout logiciel OpenPGP.
                revocation.asc : à importer et publier seulement si la clé est perdue ou volée.
                Imprimez cette page et gardez-la avec les deux fichiers, hors ligne.
                """.formatted(address, grouped(fingerprint));
    }
}
