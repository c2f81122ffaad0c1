package org.facteur.mailserver.backup;

import java.nio.file.Path;
import java.time.Duration;

/** A snapshot written and verified: where it is, how many files and bytes, how long it took. */
public record Snapshot(Path path, int files, long bytes, Duration took) {
}
