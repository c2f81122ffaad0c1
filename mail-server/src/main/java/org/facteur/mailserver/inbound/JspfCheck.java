package org.facteur.mailserver.inbound;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.exceptions.NoneException;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.facteur.mailserver.dns.DnsServers;

/** {@link SpfCheck} by Apache jSPF (the library James's own SPF mailet uses), asking this server's DNS servers. */
public final class JspfCheck implements SpfCheck {
    private static final Set<String> RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");
    private final DnsServers servers;
    private volatile SPF spf;

    public JspfCheck(DnsServers servers) {
        this.servers = servers;
    }

    @Override
    public String check(String clientIp, String mailFrom, String helo) {
        String result = spf().checkSPF(clientIp, mailFrom, helo == null ? "" : helo).getResult();
        String r = result == null ? "" : result.toLowerCase(Locale.ROOT);
        return RESULTS.contains(r) ? r : "permerror";
    }

    private SPF spf() {
        if (spf == null) {
            // made at the first check: James installs the system's resolver as dnsjava's default while starting
            SPF made = new SPF(new ConfiguredDns(servers.resolver()));
            made.setUseBestGuess(false);
            spf = made;
        }
        return spf;
    }

    /**
     * jSPF 1.0.3's asynchronous lookups (the ones its executor uses) ignore the resolver they are given and ask the
     * system's servers through a default {@code LookupSession}: they go through the given resolver here. jSPF asks for
     * the SPF record type, which RFC 7208 §3.1 retired: SPF records are TXT records.
     */
    private static final class ConfiguredDns extends DNSServiceXBillImpl {
        ConfiguredDns(org.xbill.DNS.Resolver resolver) {
            super(resolver);
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            try {
                DNSRequest asked = request.getRecordType() == DNSRequest.SPF
                        ? new DNSRequest(request.getHostname(), DNSRequest.TXT) : request;
                return CompletableFuture.completedFuture(getRecords(asked));
            } catch (TimeoutException | NoneException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
