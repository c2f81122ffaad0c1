package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.facteur.mailserver.DataDirectory;
import org.junit.jupiter.api.Test;

class SnapshotLayoutTest {
    private final DataDirectory data = DataDirectory.of(Path.of("/srv/facteur-data"));

    /** Every place DataDirectory names (but the root) has a decision in the snapshot layout: added to DataDirectory, it must be added there. */
    @Test
    void everyPartOfTheDataDirectoryIsEitherTakenOrLeftOutOnPurpose() throws Exception {
        Set<Path> named = new HashSet<>();
        for (Method m : DataDirectory.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && m.getReturnType() == Path.class && !m.getName().equals("root")) {
                named.add((Path) m.invoke(data));
            }
        }
        Set<Path> decided = SnapshotLayout.of(data).stream().map(SnapshotLayout.Part::path).collect(Collectors.toSet());
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(decided).as("parts of DataDirectory without a snapshot decision in SnapshotLayout")
                .containsAll(named);
        assertThat(named).as("SnapshotLayout parts that DataDirectory no longer names").containsAll(decided);
    }

    @Test
    void everyLeftOutPartSaysWhyAndTheStoreQueueAndKeysAreTaken() {
        assertThat(SnapshotLayout.of(data)).allSatisfy(p -> assertThat(p.why()).isNotBlank());
        Set<Path> taken = SnapshotLayout.of(data).stream()
                .filter(p -> p.treatment() != SnapshotLayout.Treatment.LEFT_OUT)
                .map(SnapshotLayout.Part::path).collect(Collectors.toSet());
        assertThat(taken).contains(data.database(), data.blobs(), data.queues(), data.pgp(), data.dkim(), data.tls(),
                data.srs(), data.webmailSettings(), data.conf(), data.mailRepositories());
    }

    @Test
    void filesBelongToThePartThatHoldsThemAndTheDatabaseKeepsItsWal() {
        assertThat(SnapshotLayout.partOf(data, data.database().resolveSibling("facteur.db-wal")))
                .map(SnapshotLayout.Part::name).contains("database");
        assertThat(SnapshotLayout.partOf(data, data.dkim().resolve("example.org/sel.key")))
                .map(SnapshotLayout.Part::name).contains("DKIM keys");
        assertThat(SnapshotLayout.partOf(data, data.root().resolve("var/facteur.dbx"))).isEmpty();
        assertThat(SnapshotLayout.partOf(data, data.root().resolve("var/new-part/file"))).isEmpty();
    }

    @Test
    void theQueueIsTakenBeforeTheDatabaseAndTheBodiesAfterIt() {
        assertThat(Arrays.asList(SnapshotLayout.Treatment.values())).containsSubsequence(
                SnapshotLayout.Treatment.QUEUE, SnapshotLayout.Treatment.DATABASE, SnapshotLayout.Treatment.BODIES);
    }
}
