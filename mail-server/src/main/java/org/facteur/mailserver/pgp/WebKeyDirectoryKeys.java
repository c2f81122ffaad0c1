package org.facteur.mailserver.pgp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.facteur.pgp.Certificate;

/**
 * Keys members found in correspondents' Web Key Directories, for this process: a key found for an address counts for
 * every member (what a domain publishes is public) during {@link #KEPT}, then must be looked up again, so a key the
 * domain replaced or withdrew stops being used. At most {@link #MAX_ADDRESSES} addresses, the least recently used go
 * first. Nothing is written to disk: after a restart a member looks the key up again.
 */
public final class WebKeyDirectoryKeys {
    static final Duration KEPT = Duration.ofHours(24);
    static final int MAX_ADDRESSES = 10_000;

    private record Found(Certificate certificate, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Found> found = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public WebKeyDirectoryKeys(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the key found for this (normalized) address; an empty result forgets an earlier one. */
    public synchronized void remember(String address, Optional<Certificate> certificate) {
        if (certificate.isPresent()) {
            found.put(address, new Found(certificate.get(), clock.instant()));
        } else {
            found.remove(address);
        }
    }

    /** The key found for this address less than {@link #KEPT} ago. */
    public synchronized Optional<Certificate> recent(String address) {
        Found f = found.get(address);
        if (f == null) {
            return Optional.empty();
        }
        if (f.at().plus(KEPT).isBefore(clock.instant())) {
            found.remove(address);
            return Optional.empty();
        }
        return Optional.of(f.certificate());
    }
}
