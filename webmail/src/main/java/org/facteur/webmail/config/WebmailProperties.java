package org.facteur.webmail.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Where the webmail finds the mail server ({@code facteur.webmail.*}; defaults live in deploy's
 * application.yml). Both connections use STARTTLS. {@code sslTrust} lists the hosts whose certificate is
 * accepted without a CA check (Jakarta Mail's {@code mail.*.ssl.trust}): the local server's self-signed
 * certificate on 127.0.0.1 by default; empty means the JVM's normal CA and host-name checks.
 * {@code settingsDir} holds members' settings (identity, signature); {@code maxUpload} caps the
 * attachments of one message (the server's own message size limit applies after encoding).
 * {@code trustedProxies} lists the reverse proxies (CIDRs) whose X-Forwarded-For and X-Forwarded-Proto are
 * believed ({@link TrustedProxyValve}); the client address found is passed to the mail server, which
 * throttles logins. {@code proxyProtocol}: the server's mail ports require a PROXY protocol header
 * ({@code FACTEUR_PROXY_PROTOCOL}); every connection then begins with {@code PROXY UNKNOWN} ({@code ProxyHeaderSocketFactory}).
 */
@Validated
@ConfigurationProperties("facteur.webmail")
public record WebmailProperties(
        @NotBlank String imapHost,
        @Min(1) @Max(65535) int imapPort,
        @NotBlank String submissionHost,
        @Min(1) @Max(65535) int submissionPort,
        String sslTrust,
        @NotNull Duration timeout,
        @NotNull java.nio.file.Path settingsDir,
        @NotNull org.springframework.util.unit.DataSize maxUpload,
        String trustedProxies,
        boolean proxyProtocol) {

    @ConstructorBinding
    public WebmailProperties {
    }

    /** Properties for a server whose ports take connections directly (no PROXY protocol header). */
    public WebmailProperties(String imapHost, int imapPort, String submissionHost, int submissionPort, String sslTrust,
                             Duration timeout, java.nio.file.Path settingsDir, org.springframework.util.unit.DataSize maxUpload,
                             String trustedProxies) {
        this(imapHost, imapPort, submissionHost, submissionPort, sslTrust, timeout, settingsDir, maxUpload, trustedProxies, false);
    }

    /** Properties with loopback as the only trusted proxy. */
    public WebmailProperties(String imapHost, int imapPort, String submissionHost, int submissionPort, String sslTrust,
                             Duration timeout, java.nio.file.Path settingsDir, org.springframework.util.unit.DataSize maxUpload) {
        this(imapHost, imapPort, submissionHost, submissionPort, sslTrust, timeout, settingsDir, maxUpload, "127.0.0.0/8, ::1");
    }

    public boolean trusts(String host) {
        return sslTrust != null && java.util.Arrays.asList(sslTrust.trim().split("[\\s,]+")).contains(host);
    }
}
