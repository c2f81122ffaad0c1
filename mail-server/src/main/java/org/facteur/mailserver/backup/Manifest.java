package org.facteur.mailserver.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file of a snapshot, in {@code MANIFEST.sha256} at its top, in the format of
 * {@code sha256sum} (so {@code sha256sum -c MANIFEST.sha256} checks a snapshot without Facteur).
 */
public final class Manifest {
    public static final String FILE = "MANIFEST.sha256";

    private final Map<String, String> digests;

    private Manifest(Map<String, String> digests) {
        this.digests = digests;
    }

    /** Digests every file under {@code snapshot} (but the manifest itself). */
    public static Manifest of(Path snapshot) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (Path file : files(snapshot)) {
            digests.put(relative(snapshot, file), sha256(file));
        }
        return new Manifest(digests);
    }

    public static Manifest read(Path snapshot) throws IOException {
        Path file = snapshot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new SnapshotException(snapshot + " is not a Facteur snapshot: it has no " + FILE + ".");
        }
        Map<String, String> digests = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || !line.startsWith("  ", 64)) {
                throw new SnapshotException("The manifest of " + snapshot + " is damaged (line '" + line + "').");
            }
            digests.put(line.substring(66), line.substring(0, 64));
        }
        return new Manifest(digests);
    }

    public void write(Path snapshot) throws IOException {
        StringBuilder text = new StringBuilder();
        digests.forEach((path, digest) -> text.append(digest).append("  ").append(path).append('\n'));
        Files.writeString(snapshot.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    public int files() {
        return digests.size();
    }

    /**
     * The differences between this manifest and the files under {@code snapshot}, one sentence each: files that are
     * missing, changed, or not listed. Empty when the snapshot is whole.
     */
    public List<String> problems(Path snapshot) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : digests.entrySet()) {
            Path file = snapshot.resolve(e.getKey()).normalize();
            if (!file.startsWith(snapshot)) {
                problems.add(e.getKey() + " points outside the snapshot");
            } else if (!Files.isRegularFile(file)) {
                problems.add(e.getKey() + " is missing");
            } else if (!sha256(file).equals(e.getValue())) {
                problems.add(e.getKey() + " does not match its SHA-256 (damaged or changed)");
            }
        }
        for (Path file : files(snapshot)) {
            String name = relative(snapshot, file);
            if (!digests.containsKey(name)) {
                problems.add(name + " is not in the manifest");
            }
        }
        return problems;
    }

    private static List<Path> files(Path snapshot) throws IOException {
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(snapshot.resolve(FILE)))
                    .sorted()
                    .toList();
        }
    }

    private static String relative(Path snapshot, Path file) {
        return snapshot.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
