package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.facteur.mailserver.dns.MtaStsPolicy;
import org.facteur.mailserver.dns.MtaStsPolicySource;
import org.facteur.mailserver.dns.TxtLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receiving domains' MTA-STS policies (RFC 8461), discovered and cached as §3 and §5.1 ask: the {@code _mta-sts} TXT
 * record is looked up at each delivery; a cached, unexpired policy whose id it still gives is used as it is; a new id
 * (or no cached policy) fetches the policy over HTTPS; when there is no valid record, or the fetch fails, a cached
 * policy is used until its {@code max_age} runs out. A failed fetch is not tried again for {@link #RETRY_FAILED_FETCH}.
 */
public final class MtaStsPolicies implements MtaStsPolicySource {
    static final Duration RETRY_FAILED_FETCH = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(MtaStsPolicies.class);

    private record Cached(String id, MtaStsPolicy policy, Instant expires) {
    }

    private final TxtLookup dns;
    private final PolicyFetcher fetcher;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> failed = new ConcurrentHashMap<>();

    public MtaStsPolicies(TxtLookup dns, PolicyFetcher fetcher, Clock clock) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The policy that holds for mail to this domain now, if it has one. */
    @Override
    public Optional<MtaStsPolicy> policy(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && !now.isBefore(cached.expires())) {
            cache.remove(name, cached);
            cached = null;
        }
        Optional<MtaStsPolicy> kept = Optional.ofNullable(cached).map(Cached::policy);
        Optional<String> id = recordId(dns.txt("_mta-sts." + name));
        if (id.isEmpty() || cached != null && cached.id().equals(id.get())) {
            return kept;
        }
        String attempt = name + " " + id.get();
        Instant failedAt = failed.get(attempt);
        if (failedAt != null && now.isBefore(failedAt.plus(RETRY_FAILED_FETCH))) {
            return kept;
        }
        try {
            MtaStsPolicy policy = fetcher.fetch(name);
            cache.put(name, new Cached(id.get(), policy, now.plus(policy.maxAge())));
            failed.remove(attempt);
            LOG.info("MTA-STS policy of {} (id {}): mode {}, mx {}", name, id.get(), policy.mode().text(), policy.mx());
            return Optional.of(policy);
        } catch (IOException e) {
            failed.put(attempt, now);
            LOG.warn("MTA-STS policy of {} could not be fetched ({}); {}", name, e.getMessage(),
                    kept.isPresent() ? "the cached one still holds" : "delivering as without a policy");
            return kept;
        }
    }

    /** Whether mail to this domain must go only to its policy's MX hosts over authenticated TLS. */
    public boolean enforced(String domain) {
        return policy(domain).filter(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE).isPresent();
    }

    /**
     * The id of the one {@code v=STSv1} record among these TXT records (RFC 8461 §3.1); none when there is no such
     * record, more than one, or its id is not 1 to 32 letters and digits.
     */
    static Optional<String> recordId(TxtLookup.Answer answer) {
        if (!(answer instanceof TxtLookup.Found found)) {
            return Optional.empty();
        }
        List<String> sts = found.records().stream().filter(r -> r.startsWith("v=STSv1;") || r.equals("v=STSv1")).toList();
        if (sts.size() != 1) {
            return Optional.empty();
        }
        for (String field : sts.getFirst().split(";")) {
            String f = field.strip();
            if (f.startsWith("id=")) {
                String id = f.substring(3);
                return id.matches("[A-Za-z0-9]{1,32}") ? Optional.of(id) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
