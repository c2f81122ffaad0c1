package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.Test;

/** The database store: what several nodes sharing it rely on, beyond {@link DkimKeyStoreContract}. */
abstract class SqlDkimKeyStoreContract extends DkimKeyStoreContract {
    abstract Database database();

    abstract Path formerDir();

    @Override
    DkimKeyStore store() {
        return SqlDkimKeyStore.migrated(database(), formerDir());
    }

    @Test
    void twoNodesMakingTheSameSelectorAtOnceSignWithTheFirstPair() throws Exception {
        DkimKey first = key("f202612", DkimAlgorithm.RSA, Optional.empty());
        DkimKey second = key("f202612", DkimAlgorithm.RSA, Optional.empty());
        DkimKeyStore nodeA = store();
        DkimKeyStore nodeB = store();
        nodeA.write("example.org", List.of(first));
        nodeB.write("example.org", List.of(second));
        for (DkimKeyStore node : List.of(nodeA, nodeB)) {
            assertThat(node.read("example.org")).singleElement()
                    .satisfies(k -> assertThat(k.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded()));
        }
    }

    @Test
    void keysFilesOfThisNodeAreImportedOnceSoThePublishedRecordsStayValid() throws Exception {
        DkimKey published = key("f202611", DkimAlgorithm.RSA, Optional.empty());
        new FileDkimKeyStore(formerDir()).write("example.org", List.of(published));
        List<DkimKey> read = store().read("example.org");
        assertThat(read).singleElement().satisfies(k -> {
            assertThat(k.selector()).isEqualTo("f202611");
            assertThat(k.publicKey().getEncoded()).isEqualTo(published.publicKey().getEncoded());
        });
        Optional<Long> rows = database().read(c -> org.facteur.mailserver.store.sql.Jdbc.one(c,
                "SELECT COUNT(*) FROM dkim_key WHERE domain = ?", rs -> rs.getLong(1), "example.org"));
        assertThat(rows).as("imported into the database").contains(1L);
    }

    @Test
    void throughDkimKeysTwoNodesEnsuringTheSameDomainPublishOneKeyPair() {
        DkimKeys nodeA = new DkimKeys(store());
        DkimKeys nodeB = new DkimKeys(store());
        nodeA.ensure("example.org");
        nodeB.signingKeys("example.org");
        assertThat(nodeB.ensure("example.org")).as("B reads A's keys").isFalse();
        assertThat(nodeB.signingKeys("example.org")).extracting(k -> k.recordText())
                .containsExactlyElementsOf(nodeA.signingKeys("example.org").stream().map(DkimKey::recordText).toList());
    }
}
