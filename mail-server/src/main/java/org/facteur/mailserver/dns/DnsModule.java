package org.facteur.mailserver.dns;

import org.apache.james.dnsservice.dnsjava.DNSJavaService;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** Replaces James's DNS service by {@link FacteurDnsService}, which asks the configured {@link DnsServers}. */
public final class DnsModule extends AbstractModule {
    private final DnsServers servers;

    public DnsModule(DnsServers servers) {
        this.servers = servers;
    }

    @Override
    protected void configure() {
        bind(DnsServers.class).toInstance(servers);
        bind(FacteurDnsService.class).in(Scopes.SINGLETON);
        bind(DNSJavaService.class).to(FacteurDnsService.class);
    }
}
