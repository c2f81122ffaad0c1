package org.facteur.mailserver.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DKIM keys of every local domain, in {@code <data>/dkim/<domain>/} (directories owner-only, files 0600):
 * {@code selectors} lists each selector with its algorithm, creation time and, once rotated out, the time until
 * which it stays published ({@code -} while active); {@code <selector>.key} holds the private key (PKCS#8) and the
 * public key (X.509), base64, one a line. Selectors are dated: {@code f}+yyyyMM for RSA, {@code e}+yyyyMM for
 * Ed25519, with a letter after a second rotation in the same month ({@code f202612b}).
 */
public final class DkimKeys {
    /** How long a rotated-out key stays published: longer than any queue retry and any sane delivery delay. */
    public static final Duration DEFAULT_KEEP_PUBLISHED = Duration.ofDays(7);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private static final String DOMAIN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

    private final Path dir;
    private final Clock clock;
    private final Duration keepPublished;
    private final Map<String, List<DkimKey>> cache = new ConcurrentHashMap<>();

    /** @param dir {@code DataDirectory.dkim()} */
    public DkimKeys(Path dir, Clock clock, Duration keepPublished) {
        this.dir = dir;
        this.clock = clock;
        this.keepPublished = keepPublished;
    }

    public DkimKeys(Path dir) {
        this(dir, Clock.systemUTC(), DEFAULT_KEEP_PUBLISHED);
    }

    /** Makes an RSA and an Ed25519 key for the domain unless it already has active keys; true when it made them. */
    public synchronized boolean ensure(String domain) {
        String d = normalize(domain);
        if (!signingKeys(d).isEmpty()) {
            return false;
        }
        List<DkimKey> keys = new ArrayList<>(load(d));
        addNewPair(d, keys);
        save(d, keys);
        return true;
    }

    /**
     * New selectors for the domain, used for signing at once; the previous ones stay published for the delay given
     * at construction (7 days by default). Keys whose publication ended are forgotten (their files deleted).
     * @return the new keys
     */
    public synchronized List<DkimKey> rotate(String domain) {
        String d = normalize(domain);
        Instant now = clock.instant();
        List<DkimKey> keys = new ArrayList<>();
        for (DkimKey k : load(d)) {
            if (k.active()) {
                keys.add(new DkimKey(k.domain(), k.selector(), k.algorithm(), k.privateKey(), k.publicKey(), k.created(),
                        Optional.of(now.plus(keepPublished))));
            } else if (k.publishedAt(now)) {
                keys.add(k);
            } else {
                deleteQuietly(domainDir(d).resolve(k.selector() + ".key"));
            }
        }
        List<DkimKey> made = addNewPair(d, keys);
        save(d, keys);
        return made;
    }

    /** The keys that sign the domain's mail now (one per algorithm), empty when the domain has none. */
    public List<DkimKey> signingKeys(String domain) {
        if (!valid(domain)) {
            return List.of();
        }
        return load(normalize(domain)).stream().filter(DkimKey::active).toList();
    }

    /** Every key whose public half must be in DNS now: the active ones and those rotated out less than the delay ago. */
    public List<DkimKey> published(String domain) {
        Instant now = clock.instant();
        return load(normalize(domain)).stream().filter(k -> k.publishedAt(now)).toList();
    }

    private List<DkimKey> addNewPair(String domain, List<DkimKey> keys) {
        Instant now = clock.instant();
        List<DkimKey> made = new ArrayList<>();
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            KeyPair pair = generate(algorithm);
            String selector = freeSelector(algorithm, now, keys);
            DkimKey key = new DkimKey(domain, selector, algorithm, pair.getPrivate(), pair.getPublic(), now, Optional.empty());
            writeKeyFile(domain, key);
            keys.add(key);
            made.add(key);
        }
        return made;
    }

    private static String freeSelector(DkimAlgorithm algorithm, Instant now, List<DkimKey> keys) {
        String base = algorithm.selectorPrefix() + MONTH.format(now);
        for (char suffix = 'a'; suffix <= 'z'; suffix++) {
            String candidate = suffix == 'a' ? base : base + suffix;
            if (keys.stream().noneMatch(k -> k.selector().equals(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("26 rotations this month already: wait for next month");
    }

    private static KeyPair generate(DkimAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            if (algorithm == DkimAlgorithm.RSA) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key", e);
        }
    }

    private List<DkimKey> load(String domain) {
        return cache.computeIfAbsent(domain, this::read);
    }

    private List<DkimKey> read(String domain) {
        Path list = domainDir(domain).resolve("selectors");
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
                DkimAlgorithm algorithm = DkimAlgorithm.ofKeyType(f[1]);
                List<String> key = Files.readAllLines(domainDir(domain).resolve(f[0] + ".key"), StandardCharsets.US_ASCII);
                KeyFactory factory = KeyFactory.getInstance(algorithm.jcaName());
                keys.add(new DkimKey(domain, f[0], algorithm,
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.get(0).strip()))),
                        factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get(1).strip()))),
                        Instant.parse(f[2]), f[3].equals("-") ? Optional.empty() : Optional.of(Instant.parse(f[3]))));
            }
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM keys of " + domain, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the DKIM keys of " + domain + " in " + domainDir(domain) + " are damaged", e);
        }
    }

    private void writeKeyFile(String domain, DkimKey key) {
        Base64.Encoder b64 = Base64.getEncoder();
        writeOwnerOnly(domainDir(domain).resolve(key.selector() + ".key"),
                b64.encodeToString(key.privateKey().getEncoded()) + "\n" + b64.encodeToString(key.publicKey().getEncoded()) + "\n");
    }

    private void save(String domain, List<DkimKey> keys) {
        StringBuilder text = new StringBuilder("# selector algorithm created published-until ('-': active, signs)\n");
        for (DkimKey k : keys) {
            text.append(k.selector()).append(' ').append(k.algorithm().keyType()).append(' ').append(k.created())
                    .append(' ').append(k.publishedUntil().map(Instant::toString).orElse("-")).append('\n');
        }
        writeOwnerOnly(domainDir(domain).resolve("selectors"), text.toString());
        cache.put(domain, List.copyOf(keys));
    }

    private Path domainDir(String domain) {
        return dir.resolve(domain);
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

    private static boolean valid(String domain) {
        return domain != null && domain.strip().toLowerCase(Locale.ROOT).matches(DOMAIN);
    }

    private static String normalize(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (!d.matches(DOMAIN)) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name");
        }
        return d;
    }
}
