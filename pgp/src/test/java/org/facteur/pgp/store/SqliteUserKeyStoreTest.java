package org.facteur.pgp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.cert;

import java.nio.file.Path;
import java.time.Instant;
import org.facteur.pgp.autocrypt.PeerState;
import org.facteur.pgp.autocrypt.PreferEncrypt;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteUserKeyStoreTest extends UserKeyStoreContract {
  @TempDir Path dir;
  private JdbcUserKeyStore store;

  @BeforeEach
  void open() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("facteur.db"));
    Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
        .table(UserKeyStoreSchema.PART + "_schema_history")
        .locations("classpath:" + UserKeyStoreSchema.LOCATION + "/sqlite").load().migrate();
    store = new JdbcUserKeyStore(dataSource);
  }

  @Override
  protected UserKeyStore store() {
    return store;
  }

  @Test
  void whatFilesHoldIsCopiedInForUsersTheDatabaseDoesNotHave() {
    FileUserKeyStore files = new FileUserKeyStore(dir.resolve("pgp"));
    files.saveKey("alice@example.org", ALICE.secretKey(), ALICE.revocation());
    files.saveCertificate("alice@example.org", cert(ALICE).withRevocation(ALICE.revocation()));
    files.saveSettings("alice@example.org", new PgpSettings(true, true, false));
    PeerState bob = new PeerState("bob@example.org", Instant.parse("2026-10-01T10:00:00Z"),
        Instant.parse("2026-09-01T10:00:00Z"), cert(BOB), PreferEncrypt.MUTUAL);
    files.savePeer("alice@example.org", bob);

    store.saveSettings("carol@example.org", new PgpSettings(false, false, true));
    files.saveSettings("carol@example.org", new PgpSettings(true, true, true));
    assertThat(UserKeyStoreCopy.copyMissing(files, store)).as("Carol is already in the database").isEqualTo(1);
    assertThat(store.users()).containsExactly("alice@example.org", "carol@example.org");
    assertThat(store.secretKey("alice@example.org").orElseThrow().armored()).isEqualTo(ALICE.secretKey().armored());
    assertThat(store.certificate("alice@example.org")).hasValueSatisfying(c -> assertThat(c.isRevoked()).isTrue());
    assertThat(store.revocation("alice@example.org")).contains(ALICE.revocation());
    assertThat(store.settings("alice@example.org")).isEqualTo(new PgpSettings(true, true, false));
    assertThat(store.peers("alice@example.org")).containsExactly(bob);
    assertThat(store.settings("carol@example.org")).isEqualTo(new PgpSettings(false, false, true));
  }
}
