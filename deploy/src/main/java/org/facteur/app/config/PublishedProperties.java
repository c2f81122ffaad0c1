package org.facteur.app.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.facteur.mailserver.dns.DnsRecords;
import org.facteur.mailserver.dns.MtaStsPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What Facteur tells mail clients and other servers ({@code facteur.published.*}): its hostname, the ports clients
 * connect to (the ones Facteur listens on, unless a proxy or port mapping in front of it publishes others:
 * {@code FACTEUR_PUBLIC_*_PORT}), and the MTA-STS policy ({@code FACTEUR_MTA_STS_MODE}, {@code FACTEUR_MTA_STS_MAX_AGE}).
 * Read by the autoconfiguration answers, the MTA-STS policy file and {@code facteur admin dns}.
 */
@Validated
@ConfigurationProperties("facteur.published")
public record PublishedProperties(@NotBlank String hostname, @NotNull Ports ports, @NotNull MtaSts mtaSts) {

    /** The ports clients are told: IMAP over TLS, IMAP with STARTTLS, submission with STARTTLS, submission over TLS. */
    public record Ports(@Min(1) @Max(65535) int imaps, @Min(1) @Max(65535) int imap,
                        @Min(1) @Max(65535) int submission, @Min(1) @Max(65535) int smtps) {
    }

    /** {@code mode}: testing, enforce or none; {@code maxAge}: how long senders may cache the policy (at most a year). */
    public record MtaSts(@NotBlank String mode, @NotNull Duration maxAge) {
        public MtaSts {
            MtaStsPolicy.of(MtaStsPolicy.Mode.parse(mode), "check.invalid", maxAge);
        }
    }

    public PublishedProperties {
        hostname = hostname == null ? null : hostname.strip();
    }

    /** The policy served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}: the one MX is the hostname. */
    public MtaStsPolicy mtaStsPolicy() {
        return MtaStsPolicy.of(MtaStsPolicy.Mode.parse(mtaSts.mode()), hostname, mtaSts.maxAge());
    }

    /** The server as {@code facteur admin dns} names it. */
    public DnsRecords.Server dnsServer() {
        return new DnsRecords.Server(hostname, ports.submission(), ports.imaps(), mtaStsPolicy());
    }
}
