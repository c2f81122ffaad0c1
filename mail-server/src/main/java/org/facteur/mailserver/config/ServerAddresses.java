package org.facteur.mailserver.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses the server itself uses, chosen at every start from the settings and the domains an admin added.
 *
 * <ul>
 *   <li>{@code defaultDomain}: James's default domain (an address without a domain, such as {@code RCPT TO:<postmaster>},
 *   gets it): the served domain the hostname belongs to ({@code mail.example.org} → {@code example.org}), else the
 *   first served domain in alphabetical order, else, before any domain was added, the hostname. It is never added to
 *   the served domains on its own ({@code SqlDomainList}).</li>
 *   <li>{@code postmaster}: the configured one ({@code FACTEUR_POSTMASTER}), else {@code postmaster@defaultDomain}.</li>
 *   <li>{@code mailerDaemon}: the From of bounces, {@code MAILER-DAEMON@hostname} as Postfix and Exim do: a bounce has
 *   the null envelope sender, so SPF checks the HELO name (RFC 7208 section 2.3), which is the hostname, and the From
 *   aligns with it for DMARC. A hostname without a dot ({@code localhost}) is no name for other servers: the default
 *   domain stands in.</li>
 * </ul>
 */
public record ServerAddresses(String defaultDomain, String postmaster, String mailerDaemon) {

    public static ServerAddresses of(String hostname, Optional<String> postmaster, List<String> servedDomains) {
        String host = hostname.toLowerCase(Locale.ROOT);
        String defaultDomain = servedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT))
                .filter(d -> host.equals(d) || host.endsWith("." + d))
                .max(Comparator.comparingInt(String::length))
                .or(() -> servedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).sorted().findFirst())
                .orElse(host);
        String daemonDomain = host.contains(".") ? host : defaultDomain;
        return new ServerAddresses(defaultDomain, postmaster.orElse("postmaster@" + defaultDomain),
                "MAILER-DAEMON@" + daemonDomain);
    }
}
