package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void keepsTheNewestOfEachOfTheLastDaysAndWeeks() {
        List<Retention.Taken> snapshots = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            for (int hour : new int[] {1, 13}) {
                Instant t = MONDAY_NOON.minus(Duration.ofDays(day)).minus(Duration.ofHours(12)).plus(Duration.ofHours(hour));
                snapshots.add(new Retention.Taken(Path.of(SnapshotName.of(t)), t));
            }
        }
        List<Retention.Taken> removed = new Retention(3, 3).toRemove(snapshots);
        List<Retention.Taken> kept = new ArrayList<>(snapshots);
        kept.removeAll(removed);
        assertThat(kept).extracting(t -> t.taken().toString()).containsExactlyInAnyOrder(
                "2026-11-30T13:00:00Z", "2026-11-29T13:00:00Z", "2026-11-28T13:00:00Z", // last 3 days
                "2026-11-22T13:00:00Z"); // third week back: the two newer weeks are the days already kept
    }

    @Test
    void theNewestIsAlwaysKeptAndNonSnapshotsAreNeverTouched(@TempDir Path dir) throws Exception {
        Path old = Files.createDirectories(dir.resolve("facteur-20260101T000000Z"));
        Files.writeString(old.resolve(Manifest.FILE), "");
        Path newer = Files.createDirectories(dir.resolve("facteur-20260102T000000Z"));
        Files.writeString(newer.resolve(Manifest.FILE), "");
        Path other = Files.createDirectories(dir.resolve("facteur-20250101T000000Z")); // no manifest: not a snapshot
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThat(new Retention(1, 0).apply(dir)).containsExactly(old);

        assertThat(old).doesNotExist();
        assertThat(newer).isDirectory();
        assertThat(other).isDirectory();
        assertThat(notes).exists();
    }

    @Test
    void refusesToKeepNothing() {
        assertThatThrownBy(() -> new Retention(0, 4)).isInstanceOf(SnapshotException.class).hasMessageContaining("--keep-daily");
    }

    @Test
    void namesRoundTripToTheSecond() {
        Instant t = Instant.parse("2026-12-02T02:31:38.734Z");
        assertThat(SnapshotName.of(t)).isEqualTo("facteur-20261202T023138Z");
        assertThat(SnapshotName.taken("facteur-20261202T023138Z-2")).contains(Instant.parse("2026-12-02T02:31:38Z"));
        assertThat(SnapshotName.taken("facteur-20261202T023138Z.partial-123")).isEmpty();
    }
}
