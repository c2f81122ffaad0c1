package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server stops its own background threads: nothing of it keeps running in the JVM afterwards. */
class ServerStopIT {
    private static final Set<String> FACTEUR_THREADS = Set.of("search-indexer", "orphan-blob-collector", "envelope-backfill");

    @TempDir
    Path data;

    private static List<String> running() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(FACTEUR_THREADS::contains).toList();
    }

    @Test
    void closeStopsTheSearchIndexerTheOrphanCollectorAndTheEnvelopeBackfill() throws Exception {
        try (FacteurMailServer server = FacteurMailServer.start(TestMailServers.settings(data))) {
            server.admin().addDomain("example.org");
            assertThat(running()).as("started").containsAll(FACTEUR_THREADS);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(running()).isEmpty());
    }
}
