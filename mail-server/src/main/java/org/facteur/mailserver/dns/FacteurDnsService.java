package org.facteur.mailserver.dns;

import javax.inject.Inject;

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

    @Inject
    public FacteurDnsService(MetricFactory metricFactory, DnsServers servers) {
        super(metricFactory);
        this.servers = servers;
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
