package org.facteur.mailserver.dkim;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DKIM keys of every local domain, kept by a {@link DkimKeyStore}: files in the data directory, or the database
 * that several nodes share. Selectors are dated: {@code f}+yyyyMM for RSA, {@code e}+yyyyMM for Ed25519, with a
 * letter after a second rotation in the same month ({@code f202612b}). Read keys are kept {@link #RELOAD_AFTER} in
 * memory (every outgoing message is signed), so a rotation made through another node counts here within it; until
 * then this node signs with the previous keys, which stay published for days.
 */
public final class DkimKeys {
    /** How long a rotated-out key stays published: longer than any queue retry and any sane delivery delay. */
    public static final Duration DEFAULT_KEEP_PUBLISHED = Duration.ofDays(7);
    /** How long keys read from the store are used before they are read again. */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(5);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private static final String DOMAIN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

    private record Loaded(List<DkimKey> keys, long atNanos) {
    }

    private final DkimKeyStore store;
    private final Clock clock;
    private final Duration keepPublished;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    public DkimKeys(DkimKeyStore store, Clock clock, Duration keepPublished) {
        this.store = store;
        this.clock = clock;
        this.keepPublished = keepPublished;
    }

    /** Keys in files under {@code dir} ({@code DataDirectory.dkim()}). */
    public DkimKeys(Path dir, Clock clock, Duration keepPublished) {
        this(new FileDkimKeyStore(dir), clock, keepPublished);
    }

    public DkimKeys(Path dir) {
        this(dir, Clock.systemUTC(), DEFAULT_KEEP_PUBLISHED);
    }

    public DkimKeys(DkimKeyStore store) {
        this(store, Clock.systemUTC(), DEFAULT_KEEP_PUBLISHED);
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
        Loaded loaded = cache.get(domain);
        long now = System.nanoTime();
        if (loaded == null || now - loaded.atNanos() > RELOAD_AFTER.toNanos()) {
            loaded = new Loaded(store.read(domain), now);
            cache.put(domain, loaded);
        }
        return loaded.keys();
    }

    /** Writes the keys and reads them back: another node may have written the same selectors first. */
    private void save(String domain, List<DkimKey> keys) {
        store.write(domain, keys);
        cache.put(domain, new Loaded(store.read(domain), System.nanoTime()));
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
