package org.facteur.pgp.wkd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.KeyAlgorithm;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.TestKeys;
import org.junit.jupiter.api.Test;

class WebKeyDirectoryTest {

  @Test
  void hashMatchesTheDraftsExampleAndIgnoresCase() {
    // draft-koch-openpgp-webkey-service, section 3.1: Joe.Doe@Example.ORG
    assertThat(WebKeyDirectory.hashedLocalPart("Joe.Doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
    assertThat(WebKeyDirectory.hashedLocalPart("joe.doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
  }

  @Test
  void pathsForDirectAndAdvancedMethods() {
    assertThat(WebKeyDirectory.directPath("Joe.Doe@Example.ORG"))
        .isEqualTo("/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
    assertThat(WebKeyDirectory.advancedPath("Joe.Doe@Example.ORG"))
        .isEqualTo("/.well-known/openpgpkey/example.org/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
  }

  @Test
  void zbase32OfKnownBytes() {
    assertThat(ZBase32.encode(new byte[] {(byte) 0xf0, (byte) 0xbf, (byte) 0xc7})).isEqualTo("6n9hq");
    assertThat(ZBase32.encode(new byte[0])).isEmpty();
  }

  @Test
  void publishedKeyHoldsOnlyTheMatchingUserIdButEveryKey() {
    var key = TestKeys.GENERATOR.generate(new KeySpec(
        List.of("Joe <joe@example.org>", "Joe <joe@private.example>"), KeyAlgorithm.ED25519_CV25519, null), TestKeys.PASSPHRASE);
    Certificate published = Certificate.read(WebKeyDirectory.publishedKey(key.secretKey().certificate(), "JOE@example.org"));
    assertThat(published.userIds()).containsExactly("Joe <joe@example.org>");
    assertThat(published.fingerprint()).isEqualTo(key.secretKey().fingerprint());
    assertThat(published.canEncrypt()).isTrue();
  }
}
