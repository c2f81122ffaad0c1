package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which snapshots of a directory to keep: the newest of each of the last {@code daily} UTC days that have one, and the
 * newest of each of the last {@code weekly} ISO weeks that have one; the newest snapshot is always kept. Only
 * directories named like a snapshot and holding a manifest are ever considered, so nothing else in the directory is
 * touched.
 */
public record Retention(int daily, int weekly) {
    public static final int DEFAULT_DAILY = 30;
    public static final int DEFAULT_WEEKLY = 8;

    public Retention {
        if (daily < 1 || weekly < 0) {
            throw new SnapshotException("Retention keeps at least one daily snapshot (--keep-daily 1 or more)"
                    + " and zero or more weekly ones.");
        }
    }

    public record Taken(Path path, Instant taken) {
    }

    /** The snapshots that this retention removes from {@code snapshots}. */
    public List<Taken> toRemove(List<Taken> snapshots) {
        List<Taken> newestFirst = snapshots.stream()
                .sorted(Comparator.comparing(Taken::taken).thenComparing(t -> t.path().getFileName().toString()).reversed())
                .toList();
        Set<Taken> keep = new HashSet<>();
        if (!newestFirst.isEmpty()) {
            keep.add(newestFirst.get(0));
        }
        keep.addAll(newestOfEach(newestFirst, t -> LocalDate.ofInstant(t.taken(), ZoneOffset.UTC), daily));
        keep.addAll(newestOfEach(newestFirst, t -> {
            LocalDate day = LocalDate.ofInstant(t.taken(), ZoneOffset.UTC);
            return day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }, weekly));
        return newestFirst.stream().filter(t -> !keep.contains(t)).toList();
    }

    private static List<Taken> newestOfEach(List<Taken> newestFirst, java.util.function.Function<Taken, Object> period, int count) {
        Map<Object, Taken> first = new java.util.LinkedHashMap<>();
        for (Taken t : newestFirst) {
            if (first.size() == count && !first.containsKey(period.apply(t))) {
                break;
            }
            first.putIfAbsent(period.apply(t), t);
        }
        return new ArrayList<>(first.values());
    }

    /** Applies this retention to the snapshots in {@code dir}; returns the ones removed. */
    public List<Path> apply(Path dir) throws IOException {
        List<Taken> snapshots = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Optional<Instant> taken = SnapshotName.taken(p.getFileName().toString());
                if (taken.isPresent() && Files.isRegularFile(p.resolve(Manifest.FILE))) {
                    snapshots.add(new Taken(p, taken.get()));
                }
            }
        }
        Set<Path> removed = new LinkedHashSet<>();
        for (Taken t : toRemove(snapshots)) {
            SnapshotWriter.deleteTree(t.path());
            removed.add(t.path());
        }
        return List.copyOf(removed);
    }
}
