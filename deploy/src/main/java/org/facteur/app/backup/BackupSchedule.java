package org.facteur.app.backup;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Times of day at which the server takes a snapshot by itself ({@code FACTEUR_BACKUP_SCHEDULE}, e.g. {@code 03:30}). */
public record BackupSchedule(List<LocalTime> times) {
    public static final BackupSchedule NEVER = new BackupSchedule(List.of());

    public BackupSchedule {
        times = times.stream().sorted().distinct().toList();
    }

    /** {@code HH:MM} (or {@code HH:MM:SS}) times separated by commas; blank: never. A wrong value is refused with a sentence. */
    public static BackupSchedule parse(String value) {
        if (value == null || value.isBlank()) {
            return NEVER;
        }
        List<LocalTime> times = new ArrayList<>();
        for (String part : value.split(",")) {
            String time = part.strip();
            try {
                if (!time.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
                    throw new DateTimeException(time);
                }
                times.add(LocalTime.parse(time.indexOf(':') == 1 ? "0" + time : time));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("FACTEUR_BACKUP_SCHEDULE has '" + time
                        + "'; it takes times of day such as 03:30, separated by commas.");
            }
        }
        return new BackupSchedule(times);
    }

    public boolean never() {
        return times.isEmpty();
    }

    /** The first scheduled moment strictly after {@code now}, in {@code now}'s zone; empty when never. */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime now) {
        for (int day = 0; day <= 1; day++) {
            for (LocalTime time : times) {
                ZonedDateTime candidate = now.toLocalDate().plusDays(day).atTime(time).atZone(now.getZone());
                if (candidate.isAfter(now)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** How long from {@code now} to the next scheduled moment. */
    public Optional<Duration> delayAfter(ZonedDateTime now) {
        return nextAfter(now).map(next -> Duration.between(now, next));
    }

    @Override
    public String toString() {
        return never() ? "never" : String.join(",", times.stream().map(LocalTime::toString).toList());
    }
}
