package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

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

    private static String describe(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName() + ": " + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" / ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    @Test
    void anOrdinaryStopLogsNoError() throws Exception {
        FacteurMailServer server = FacteurMailServer.start(TestMailServers.settings(data));
        server.admin().addDomain("example.org");
        try (LogCapture log = LogCapture.capture()) {
            server.close();
            // James's spooler interrupted its wait for queued mail and Reactor logged "Operator called default
            // onErrorDropped" with a MailQueueException at ERROR, at every stop.
            assertThat(log.events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .extracting(ServerStopIT::describe).isEmpty();
        }
    }
}
