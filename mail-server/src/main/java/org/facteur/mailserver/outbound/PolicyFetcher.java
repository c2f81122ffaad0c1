package org.facteur.mailserver.outbound;

import java.io.IOException;

import org.facteur.mailserver.dns.MtaStsPolicy;

/** Fetches a receiving domain's MTA-STS policy file (RFC 8461 §3.3). */
@FunctionalInterface
public interface PolicyFetcher {
    /** @throws IOException when there is no valid policy to be had now (network, TLS, HTTP status, syntax) */
    MtaStsPolicy fetch(String domain) throws IOException;
}
