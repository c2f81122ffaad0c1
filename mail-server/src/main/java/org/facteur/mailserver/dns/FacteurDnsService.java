package org.facteur.mailserver.dns;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Lookup;

/**
 * James's DNS service asking the servers of {@code FACTEUR_DNS_SERVERS}, ports included: James's own configuration
 * ({@code dnsservice.xml}) only takes host names and always asks port 53. Its resolver becomes dnsjava's default too,
 * so RemoteDelivery's MX lookups and anything else on dnsjava go to the same servers.
 */
public class FacteurDnsService extends DNSJavaService {
    private static final Logger LOG = LoggerFactory.getLogger(FacteurDnsService.class);
    private final DnsServers servers;
    private final MtaStsPolicySource mtaSts;

    /** Without MTA-STS: every MX host is used. */
    public FacteurDnsService(MetricFactory metricFactory, DnsServers servers) {
        this(metricFactory, servers, MtaStsPolicySource.NONE);
    }

    @Inject
    public FacteurDnsService(MetricFactory metricFactory, DnsServers servers, MtaStsPolicySource mtaSts) {
        super(metricFactory);
        this.servers = servers;
        this.mtaSts = mtaSts;
    }

    /**
     * The MX hosts of a domain; for a domain with an MTA-STS policy in {@code enforce} mode only those the policy names
     * (RFC 8461 §4.1), and a temporary failure when it names none of them (§5: retry later, do not bounce now).
     * RemoteDelivery asks this for every delivery; the MTA-STS RemoteDelivery then requires valid TLS to the host.
     */
    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        Collection<String> all = super.findMXRecords(hostname);
        Optional<MtaStsPolicy> policy = mtaSts.policy(hostname).filter(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE);
        if (policy.isEmpty()) {
            return all;
        }
        List<String> allowed = all.stream().filter(policy.get()::allows).toList();
        if (allowed.isEmpty()) {
            LOG.warn("No MX host of {} ({}) is named by its MTA-STS policy ({}): the mail waits for a retry", hostname, all,
                    policy.get().mx());
            throw new TemporaryResolutionException("No MX host of " + hostname + " is named by its MTA-STS policy");
        }
        return allowed;
    }

    @Override
    public void init() throws Exception {
        super.init();
        if (!servers.isSystem()) {
            resolver = servers.resolver();
            Lookup.setDefaultResolver(resolver);
            clearCache();
            LOG.info("DNS lookups go to {} (FACTEUR_DNS_SERVERS)", servers);
        }
    }
}
