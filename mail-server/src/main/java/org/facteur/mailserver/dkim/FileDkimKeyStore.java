package org.facteur.mailserver.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DKIM keys of every local domain in {@code <data>/dkim/<domain>/} (directories owner-only, files 0600):
 * {@code selectors} lists each selector with its algorithm, creation time and, once rotated out, the time until
 * which it stays published ({@code -} while active); {@code <selector>.key} holds the private key (PKCS#8) and the
 * public key (X.509), base64, one a line. For one node: several nodes share {@link SqlDkimKeyStore}.
 */
public final class FileDkimKeyStore implements DkimKeyStore {
    private final Path dir;

    /** @param dir {@code DataDirectory.dkim()} */
    public FileDkimKeyStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<DkimKey> read(String domain) {
        Path list = dir.resolve(domain).resolve("selectors");
        if (!Files.exists(list)) {
            return List.of();
        }
        try {
            List<DkimKey> keys = new ArrayList<>();
            for (String line : Files.readAllLines(list, StandardCharsets.US_ASCII)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split("\\s+");
                List<String> key = Files.readAllLines(dir.resolve(domain).resolve(f[0] + ".key"), StandardCharsets.US_ASCII);
                keys.add(DkimKeyText.key(domain, f[0], f[1], f[2], f[3].equals("-") ? null : f[3], key.get(0), key.get(1)));
            }
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM keys of " + domain, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the DKIM keys of " + domain + " in " + dir.resolve(domain) + " are damaged", e);
        }
    }

    @Override
    public void write(String domain, List<DkimKey> keys) {
        Map<String, DkimKey> stored = read(domain).stream().collect(Collectors.toMap(DkimKey::selector, k -> k));
        StringBuilder text = new StringBuilder("# selector algorithm created published-until ('-': active, signs)\n");
        for (DkimKey k : keys) {
            DkimKey kept = stored.get(k.selector());
            if (kept == null) {
                writeOwnerOnly(dir.resolve(domain).resolve(k.selector() + ".key"),
                        DkimKeyText.privateKey(k) + "\n" + DkimKeyText.publicKey(k) + "\n");
            }
            text.append(k.selector()).append(' ').append(k.algorithm().keyType()).append(' ').append(k.created())
                    .append(' ').append(k.publishedUntil().map(Instant::toString).orElse("-")).append('\n');
        }
        writeOwnerOnly(dir.resolve(domain).resolve("selectors"), text.toString());
        Set<String> listed = keys.stream().map(DkimKey::selector).collect(Collectors.toSet());
        for (String forgotten : stored.keySet()) {
            if (!listed.contains(forgotten)) {
                deleteQuietly(dir.resolve(domain).resolve(forgotten + ".key"));
            }
        }
    }


    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            restrict(file.getParent().getParent(), "rwx------");
            restrict(file.getParent(), "rwx------");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            restrict(tmp, "rw-------");
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void restrict(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the data directory's own permissions apply
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an orphan key file is harmless: it is no longer listed
        }
    }
}
