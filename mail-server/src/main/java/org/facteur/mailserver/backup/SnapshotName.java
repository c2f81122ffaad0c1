package org.facteur.mailserver.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A snapshot's directory name: {@code facteur-20261202T023138Z}, its UTC date-time to the second (then -2, -3… if taken twice in one second). */
public final class SnapshotName {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("facteur-(\\d{8}T\\d{6}Z)(-\\d+)?");

    private SnapshotName() {
    }

    public static String of(Instant taken) {
        return "facteur-" + FORMAT.format(taken.truncatedTo(ChronoUnit.SECONDS));
    }

    /** When the snapshot of this directory name was taken; empty for a name that is not a snapshot's. */
    public static Optional<Instant> taken(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FORMAT.parse(m.group(1), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
