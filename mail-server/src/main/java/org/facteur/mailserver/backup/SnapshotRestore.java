package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.facteur.mailserver.DataDirectory;

/**
 * Restores a snapshot into an empty data directory (Facteur stopped): every file is checked against the manifest
 * first, and nothing is written unless all match. The restored server rebuilds what a snapshot leaves out (the
 * queue's index, the search index, the admin token) at its first start.
 */
public final class SnapshotRestore {
    private SnapshotRestore() {
    }

    /** Returns the number of files restored. */
    public static int restore(Path snapshot, DataDirectory target) throws IOException {
        Path from = snapshot.toAbsolutePath().normalize();
        if (!Files.isDirectory(from)) {
            throw new SnapshotException("There is no snapshot at " + from + ".");
        }
        Manifest manifest = Manifest.read(from);
        List<String> problems = manifest.problems(from);
        if (!problems.isEmpty()) {
            throw new SnapshotException("The snapshot " + from + " does not match its manifest, so nothing was restored: "
                    + String.join("; ", problems) + ".");
        }
        Path root = target.root();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(root)) {
                throw new SnapshotException(root + " is not a directory.");
            }
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new SnapshotException("The data directory " + root + " is not empty: restore only into an empty"
                            + " directory (stop Facteur and move the old one aside first).");
                }
            }
        } else {
            Files.createDirectories(root);
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        SnapshotWriter.copyTree(from, root, p -> {
            String name = from.relativize(p).toString();
            return !name.equals(Manifest.FILE) && !name.equals(SnapshotWriter.INFO);
        });
        return manifest.files() - 1;
    }
}
