package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.DnsjavaTxtLookup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import com.google.inject.AbstractModule;

/**
 * MTA-STS for outbound mail: the receiving domains' {@link MtaStsPolicies}, looked up and fetched through Facteur's DNS
 * servers and trusted against {@link OutboundTrust}, which is also installed for the MTA-STS RemoteDelivery.
 */
public final class OutboundTlsModule extends AbstractModule {
    private final MtaStsPolicies policies;

    private OutboundTlsModule(MtaStsPolicies policies) {
        this.policies = policies;
    }

    /** @param caFile extra trust anchors ({@code FACTEUR_OUTBOUND_CA_FILE}) */
    public static OutboundTlsModule of(DnsServers servers, Optional<java.nio.file.Path> caFile) throws IOException {
        OutboundTrust trust = OutboundTrust.of(caFile);
        trust.install();
        HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(host -> addresses(servers, host), trust.context());
        return new OutboundTlsModule(new MtaStsPolicies(new DnsjavaTxtLookup(servers), fetcher, Clock.systemUTC()));
    }

    @Override
    protected void configure() {
        bind(MtaStsPolicies.class).toInstance(policies);
        bind(org.facteur.mailserver.dns.MtaStsPolicySource.class).toInstance(policies);
    }

    /** A and AAAA records of a host, from these servers; {@link java.net.UnknownHostException} when there is none. */
    public static List<InetAddress> addresses(DnsServers servers, String host) throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = new Lookup(Name.fromString(host + "."), type);
            lookup.setResolver(servers.resolver());
            Record[] records = lookup.run();
            if (records != null) {
                for (Record r : records) {
                    if (r instanceof ARecord a) {
                        found.add(a.getAddress());
                    } else if (r instanceof AAAARecord aaaa) {
                        found.add(aaaa.getAddress());
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new java.net.UnknownHostException("No address for " + host);
        }
        return found;
    }
}
