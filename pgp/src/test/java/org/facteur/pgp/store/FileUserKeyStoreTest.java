package org.facteur.pgp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.cert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserKeyStoreTest extends UserKeyStoreContract {
  @TempDir Path data;
  private FileUserKeyStore store;

  @BeforeEach
  void open() {
    store = new FileUserKeyStore(data.resolve("pgp"));
  }

  @Override
  protected UserKeyStore store() {
    return store;
  }

  @Test
  void layoutIsOneDirectoryPerLowerCasedAddressWithNoTempFilesLeft() throws Exception {
    store.saveKey("Alice@Example.org", ALICE.secretKey(), ALICE.revocation());
    store.saveSettings("alice@example.org", new PgpSettings(true, true, true));
    Path dir = data.resolve("pgp/alice@example.org");
    assertThat(dir.resolve("public.asc")).content().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    assertThat(dir.resolve("secret.asc")).content().startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    assertThat(dir.resolve("revocation.asc")).exists();
    assertThat(dir.resolve("settings.properties")).content().contains("encryptIncoming=true");
    try (Stream<Path> files = Files.walk(data)) {
      assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void survivesReopening() {
    store.saveKey("alice@example.org", ALICE.secretKey(), ALICE.revocation());
    assertThat(new FileUserKeyStore(data.resolve("pgp")).certificate("alice@example.org")).contains(cert(ALICE));
  }
}
