package org.facteur.app.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The last backup's outcome, for {@code /health} and {@code /metrics}. At start the last success is read from the
 * newest snapshot in the backup directory, so a restart does not make a day-old backup look missing.
 */
public final class BackupStatus {
    private static final DateTimeFormatter SNAPSHOT_NAME = DateTimeFormatter.ofPattern("'facteur-'yyyyMMdd'T'HHmmss'Z'");

    private volatile Instant lastSuccess;
    private volatile Instant lastAttempt;
    private volatile boolean lastOk = true;
    private volatile String lastError;
    private volatile String lastPath;

    public static BackupStatus fromDirectory(Path directory) {
        BackupStatus status = new BackupStatus();
        newestSnapshot(directory).ifPresent(t -> status.lastSuccess = t);
        return status;
    }

    static Optional<Instant> newestSnapshot(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> Files.exists(p.resolve("MANIFEST.sha256")))
                    .map(p -> p.getFileName().toString()).map(BackupStatus::takenAt).flatMap(Optional::stream)
                    .max(Instant::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> takenAt(String name) {
        try {
            return Optional.of(LocalDateTime.parse(name, SNAPSHOT_NAME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public void succeeded(Instant at, Path snapshot) {
        lastAttempt = at;
        lastSuccess = at;
        lastOk = true;
        lastError = null;
        lastPath = snapshot.toString();
    }

    public void failed(Instant at, String error) {
        lastAttempt = at;
        lastOk = false;
        lastError = error;
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Whether the last attempt worked (true before any attempt). */
    public boolean lastOk() {
        return lastOk;
    }

    /** What {@code /health} shows under {@code backup}. */
    public Map<String, Object> details(Instant now, BackupSchedule schedule) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schedule", schedule.toString());
        d.put("lastSuccess", lastSuccess == null ? null : lastSuccess.toString());
        d.put("ageSeconds", lastSuccess == null ? null : now.getEpochSecond() - lastSuccess.getEpochSecond());
        d.put("lastAttempt", lastAttempt == null ? null : lastAttempt.toString());
        d.put("ok", lastOk);
        if (lastError != null) {
            d.put("error", lastError);
        }
        if (lastPath != null) {
            d.put("snapshot", lastPath);
        }
        return d;
    }
}
