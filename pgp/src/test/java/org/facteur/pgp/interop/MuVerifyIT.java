package org.facteur.pgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.MALLORY;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.mime.TestMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole Facteur multipart/signed message judged by mu (GMime + gpgme), an independent MIME
 * parser. mu 1.8.13 aborts ("not a mime-part") on any multipart/signed whose signed part is
 * itself multipart, gpg-signed ones included, so only text/plain bodies are judged here; gpg
 * checks the multipart case on extracted parts in GnuPgInteropIT.
 */
class MuVerifyIT {
  private static Gpg gpg;

  @BeforeAll
  static void setUp() throws Exception {
    if (!Tool.installed("mu")) {
      throw new AssertionError("mu not installed: CI must install the Debian package 'maildir-utils'");
    }
    gpg = new Gpg();
    assertThat(gpg.run(cert(ALICE).binary(), "--import").exit()).isZero();
    // gpgme reports "valid, green" only for a key with full validity
    Tool.Result trust = gpg.runWithHome((cert(ALICE).fingerprint() + ":6:\n").getBytes(StandardCharsets.US_ASCII),
        "/usr/bin/gpg", "--batch", "--import-ownertrust");
    assertThat(trust.exit()).as(trust.toString()).isZero();
  }

  @AfterAll
  static void tearDown() throws Exception {
    gpg.close();
  }

  @Test
  void signedMessageIsValidTamperedIsRedForeignKeyIsMissing() throws Exception {
    MimeMessage signed = new PgpMime().sign(TestMessages.plainText("For mu"), unlocked(ALICE));
    byte[] raw = TestMessages.bytes(signed);
    Tool.Result good = mu("signed.eml", raw);
    assertThat(good.exit()).as(good.toString()).isZero();
    assertThat(good.out()).contains("valid").contains("green");

    String tampered = new String(raw, StandardCharsets.ISO_8859_1).replace("Trailing", "Trai1ing");
    Tool.Result red = mu("tampered.eml", tampered.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(red.exit()).isEqualTo(1);
    assertThat(red.out()).contains("red");

    Tool.Result foreign = mu("mallory.eml", TestMessages.bytes(new PgpMime().sign(TestMessages.plainText("x"), unlocked(MALLORY))));
    assertThat(foreign.exit()).isEqualTo(1);
    assertThat(foreign.out()).doesNotContain("valid").contains("key-missing");
  }

  private static Tool.Result mu(String name, byte[] message) throws Exception {
    return gpg.runWithHome(new byte[0], "/usr/bin/mu", "verify", gpg.file(name, message).toString());
  }
}
