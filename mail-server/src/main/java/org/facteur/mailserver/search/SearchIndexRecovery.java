package org.facteur.mailserver.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether the last run stopped cleanly. After a crash, messages delivered in the last second
 * may be missing from the search index: they are re-indexed (only those missing or outdated) before
 * the server reports itself ready. The same happens once after {@link #requestRebuild} (the index was removed
 * because the store under it was replaced).
 */
public final class SearchIndexRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexRecovery.class);
    static final String CLEAN_MARKER = "clean-shutdown";
    /** Left by a tool that replaced the store under the index (./facteur migrate): index everything at next start. */
    static final String REBUILD_MARKER = "rebuild-requested";

    private final Path indexDir;
    private final boolean needed;

    private SearchIndexRecovery(Path indexDir, boolean needed) {
        this.indexDir = indexDir;
        this.needed = needed;
    }

    /** Call before James starts: reads and removes the clean-shutdown marker. */
    public static SearchIndexRecovery beforeStart(Path dataDir) throws IOException {
        Path indexDir = LuceneSearchModule.indexDirectory(dataDir);
        Path marker = indexDir.resolve(CLEAN_MARKER);
        boolean existingIndex = Files.isDirectory(indexDir) && hasSegments(indexDir);
        boolean clean = Files.deleteIfExists(marker);
        boolean requested = Files.exists(indexDir.resolve(REBUILD_MARKER));
        return new SearchIndexRecovery(indexDir, requested || (existingIndex && !clean));
    }

    /**
     * Removes the index of {@code dataDir} and asks the next start to index every message again (the marker stays
     * until that indexing finished).
     */
    public static void requestRebuild(Path dataDir) throws IOException {
        Path indexDir = LuceneSearchModule.indexDirectory(dataDir);
        if (Files.exists(indexDir)) {
            try (var files = Files.walk(indexDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(indexDir);
        Files.writeString(indexDir.resolve(REBUILD_MARKER), "");
    }

    private static boolean hasSegments(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments"));
        }
    }

    /** Re-indexes what the crash lost; returns the task's outcome. */
    public Optional<Task.Result> recover(ReIndexer reIndexer) throws Exception {
        if (!needed) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        LOG.warn("Facteur did not stop cleanly last time: checking the search index against the mailboxes");
        ReIndexer.RunningOptions options = ReIndexer.RunningOptions.builder()
                .messagesPerSeconds(Optional.of(10_000))
                .mode(ReIndexer.RunningOptions.Mode.FIX_OUTDATED)
                .build();
        Task.Result result = reIndexer.reIndex(options).run();
        LOG.warn("Search index checked in {} ms: {}", (System.nanoTime() - start) / 1_000_000, result);
        if (result == Task.Result.COMPLETED) {
            Files.deleteIfExists(indexDir.resolve(REBUILD_MARKER));
        }
        return Optional.of(result);
    }

    /** Call after James stopped cleanly. */
    public void markCleanShutdown() {
        try {
            Files.createDirectories(indexDir);
            Files.writeString(indexDir.resolve(CLEAN_MARKER), "");
        } catch (IOException e) {
            LOG.warn("Could not record the clean shutdown; the index will be checked at next start", e);
        }
    }
}
