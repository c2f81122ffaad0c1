package org.facteur.mailserver.pgp;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.mailserver.outbound.HttpsGet;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.wkd.WebKeyDirectory;

/**
 * Finds a correspondent's key in her domain's Web Key Directory (draft-koch-openpgp-webkey-service §3.1), as GnuPG's
 * {@code --locate-keys} does: the advanced method on {@code openpgpkey.<domain>} when that host exists, else the direct
 * method on the domain itself; over {@link HttpsGet} (certificate checked, no redirect, 256 KiB, 10 s in all). Of what
 * is served, only certificates with a user ID for the address that can encrypt now count (the newest wins): a
 * directory cannot hand out a key for another address.
 */
public final class WebKeyDirectoryLookup {
    static final int MAX_BYTES = 256 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Why a lookup found no key: one sentence a member can read. */
    public static final class LookupFailure extends Exception {
        public LookupFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The domain as a host name (IDNA's ASCII form, letters, digits and hyphens only), since it goes into a DNS query,
     * an HTTP request line and its Host header: "a?b", "[127.0.0.1]" or "x%0d" are not looked up.
     */
    static String hostName(String domain) throws LookupFailure {
        try {
            String ascii = java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (ascii.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
                return ascii;
            }
        } catch (IllegalArgumentException e) {
            // not a host name: refused below
        }
        throw new LookupFailure("'" + domain + "' is not a domain name whose Web Key Directory could be asked.", null);
    }

    private final HttpsGet https;
    private final Clock clock;

    public WebKeyDirectoryLookup(HttpsGet https, Clock clock) {
        this.https = https;
        this.clock = clock;
    }

    /** The lookup {@code FACTEUR_OUTBOUND_WKD_LOOKUP} asks for, through these DNS servers and trust anchors; empty: off. */
    public static Optional<WebKeyDirectoryLookup> configured(org.facteur.mailserver.MailServerSettings.WkdLookup setting,
                                                             org.facteur.mailserver.dns.DnsServers servers,
                                                             Optional<java.nio.file.Path> caFile) throws IOException {
        if (setting == org.facteur.mailserver.MailServerSettings.WkdLookup.OFF) {
            return Optional.empty();
        }
        HttpsGet.Resolver dns = host -> org.facteur.mailserver.outbound.OutboundTlsModule.addresses(servers, host);
        HttpsGet.Resolver resolver = setting == org.facteur.mailserver.MailServerSettings.WkdLookup.ANY ? dns
                : new org.facteur.mailserver.outbound.PublicAddressesOnly(dns);
        HttpsGet https = new HttpsGet(resolver, org.facteur.mailserver.outbound.OutboundTrust.of(caFile).context(), 443,
                DEADLINE, MAX_BYTES);
        return Optional.of(new WebKeyDirectoryLookup(https, Clock.systemUTC()));
    }

    /** The key published for {@code address}; empty when the directory answers that it has none (404). */
    public Optional<Certificate> find(String wanted) throws LookupFailure {
        String domain = hostName(wanted.substring(wanted.lastIndexOf('@') + 1));
        String address = wanted.substring(0, wanted.lastIndexOf('@') + 1) + domain;
        HttpsGet.Answer answer;
        try {
            try {
                answer = https.get("openpgpkey." + domain, WebKeyDirectory.advancedPath(address));
            } catch (UnknownHostException noAdvancedHost) {
                answer = https.get(domain, WebKeyDirectory.directPath(address));
            }
        } catch (UnknownHostException e) {
            throw new LookupFailure(domain + " has no Web Key Directory (no such host).", e);
        } catch (IOException e) {
            throw new LookupFailure("The Web Key Directory of " + domain + " could not be read: " + e.getMessage(), e);
        }
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new LookupFailure("The Web Key Directory of " + domain + " answered '" + answer.statusLine() + "'.", null);
        }
        List<Certificate> served;
        try {
            served = Certificate.readAll(answer.body());
        } catch (PgpException e) {
            throw new LookupFailure("The Web Key Directory of " + domain + " served something that is not an OpenPGP key.", e);
        }
        Instant now = clock.instant();
        return served.stream()
                .filter(c -> c.hasUserIdFor(address))
                .filter(Certificate::canEncrypt)
                .filter(c -> c.expiresAt().map(now::isBefore).orElse(true))
                .max(Comparator.comparing(Certificate::createdAt))
                .map(c -> c.filteredTo(address));
    }
}
