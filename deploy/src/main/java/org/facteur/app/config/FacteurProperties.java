package org.facteur.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.facteur.lists.RobotLimits;
import org.facteur.lists.digest.DigestSettings;
import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.BounceSettings;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.login.RedisSettings;
import org.facteur.mailserver.login.RedisUri;
import org.facteur.mailserver.login.TrustedNetworks;
import org.facteur.mailserver.smtp.SubmissionLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Facteur's configuration ({@code facteur.*} in application.yml, or {@code FACTEUR_*} variables).
 * {@code trustedProxies}: the reverse proxies whose X-Forwarded-* headers the webmail believes, and the
 * IMAP clients whose {@code ID x-originating-ip} the mail server believes (CIDRs). {@code postmaster}: where mail to
 * {@code postmaster@} any served domain goes; blank: {@code postmaster@} the first served domain. {@code proxyProtocol}:
 * the SMTP and IMAP listeners require a PROXY protocol header from a trusted proxy (HAProxy's {@code send-proxy-v2}).
 * {@code redis}: where login counters are shared by several nodes ({@link Redis}). {@code publicUrl}: the address of
 * Facteur's public web side as mail readers reach it ({@code FACTEUR_PUBLIC_URL}, see {@link PublicUrl}).
 */
@Validated
@ConfigurationProperties("facteur")
public record FacteurProperties(
        @NotNull Path dataDir,
        @NotBlank String hostname,
        @NotBlank String bindAddress,
        @NotNull Ports ports,
        @NotNull Tls tls,
        @NotNull Limits limits,
        @NotNull Outbound outbound,
        @Min(1) @Max(64) int spoolerThreads,
        @NotNull Lists lists,
        @NotNull Database database,
        String trustedProxies,
        String postmaster,
        boolean proxyProtocol,
        Redis redis,
        Submission submission,
        String dnsServers,
        InboundChecks inboundChecks,
        Rspamd rspamd,
        String publicUrl,
        Search search,
        RabbitMq rabbitmq) {

    @ConstructorBinding
    public FacteurProperties {
    }

    /** Properties of one node alone: no RabbitMQ to share mailbox events with others. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission, String dnsServers,
                             InboundChecks inboundChecks, Rspamd rspamd, String publicUrl, Search search) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd, publicUrl, search, null);
    }

    /** Properties with messages indexed for search as they arrive. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission, String dnsServers,
                             InboundChecks inboundChecks, Rspamd rspamd, String publicUrl) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd, publicUrl, null);
    }

    /** Properties without a spam filter and without a public URL. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission, String dnsServers,
                             InboundChecks inboundChecks) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, null, "");
    }

    /** Properties without a spam filter. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission, String dnsServers,
                             InboundChecks inboundChecks, String publicUrl) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, null, publicUrl);
    }

    /** Properties without a public URL ({@code FACTEUR_PUBLIC_URL}): list copies carry no one-click unsubscribe link. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission, String dnsServers,
                             InboundChecks inboundChecks, Rspamd rspamd) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd, "");
    }

    /** Properties whose login counters stay in memory (no {@code facteur.redis.uri}), without the PROXY protocol. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, false);
    }

    /** Properties whose login counters stay in memory, with the system's DNS resolvers and the default inbound checks. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, new Redis("", ""), null);
    }

    /** Properties with the system's DNS resolvers and the default inbound checks. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, Redis redis, Submission submission) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, "", null);
    }

    /** Properties whose login counters stay in memory, with the default submission limits. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, boolean proxyProtocol, String dnsServers, InboundChecks inboundChecks) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, new Redis("", ""), null, dnsServers, inboundChecks);
    }

    /** Properties without the PROXY protocol. */
    public FacteurProperties(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                             Outbound outbound, int spoolerThreads, Lists lists, Database database, String trustedProxies,
                             String postmaster, Redis redis, Submission submission) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, false, redis, submission);
    }

    /**
     * SPF, DKIM and DMARC checks on the MX ({@code FACTEUR_INBOUND_CHECKS}); {@code exempt}: comma-separated client networks
     * not checked ({@code FACTEUR_INBOUND_CHECKS_EXEMPT}).
     */
    /**
     * Rspamd as the spam filter of mail arriving on the MX: {@code url} its normal worker ({@code FACTEUR_RSPAMD_URL}; blank:
     * no spam filter), {@code learnUrl} its controller ({@code FACTEUR_RSPAMD_LEARN_URL}), {@code password} the controller's
     * ({@code FACTEUR_RSPAMD_PASSWORD}, never printed).
     */
    public record Rspamd(String url, String learnUrl, String password) {
        @Override
        public String toString() {
            return "Rspamd[" + url + ", learn=" + learnUrl + (password == null || password.isEmpty() ? "" : ", password set") + "]";
        }
    }

    /**
     * {@code indexing}: messages are indexed for text search as they arrive ({@code FACTEUR_SEARCH_INDEXING}, true);
     * false, search reads each message's text from the store, exact but slower, and the index catches up at the
     * first start with it on again.
     */
    public record Search(boolean indexing) {
    }

    public record InboundChecks(boolean enabled, String exempt) {
        List<String> exemptList() {
            return exempt == null ? List.of()
                    : java.util.Arrays.stream(exempt.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        }
    }

    public record Ports(@Min(1) @Max(65535) int smtp, @Min(1) @Max(65535) int submission,
                        @Min(1) @Max(65535) int smtps, @Min(1) @Max(65535) int imap,
                        @Min(1) @Max(65535) int imaps) {
    }

    public record Tls(String certificate, String privateKey) {
    }

    /**
     * {@code connectionLimitExempt}: comma-separated networks not subject to the per-IP limit; {@code defaultQuota}:
     * a size such as {@code 1GB}, or {@code unlimited}; {@code mime*}: the MIME structure a message may have at SMTP
     * DATA and IMAP APPEND; {@code mailProcessingTimeout}: the longest a mail may spend in the spooler's mailets.
     */
    public record Limits(@NotNull DataSize maxMessageSize, @Min(0) int connectionLimit,
                         @Min(0) int connectionLimitPerIp, @NotNull DataSize imapLiteralSizeLimit,
                         String connectionLimitExempt, @Min(1) int maxRecipients, @NotBlank String defaultQuota,
                         @Min(1) int mimeMaxDepth, @Min(1) int mimeMaxParts, @NotNull DataSize mimeMaxHeaderSize,
                         @Min(10) int mimeMaxHeaderLines, @NotNull Duration mailProcessingTimeout) {
        @ConstructorBinding
        public Limits {
        }

        /** These limits with the default MIME limits and mail processing timeout. */
        public Limits(DataSize maxMessageSize, int connectionLimit, int connectionLimitPerIp, DataSize imapLiteralSizeLimit,
                      String connectionLimitExempt, int maxRecipients, String defaultQuota) {
            this(maxMessageSize, connectionLimit, connectionLimitPerIp, imapLiteralSizeLimit, connectionLimitExempt, maxRecipients,
                    defaultQuota, MimeLimits.DEFAULTS.maxDepth(), MimeLimits.DEFAULTS.maxParts(),
                    DataSize.ofBytes(MimeLimits.DEFAULTS.maxHeaderBytes()), MimeLimits.DEFAULTS.maxHeaderLines(),
                    MailServerSettings.Limits.DEFAULT_MAIL_PROCESSING_TIMEOUT);
        }

        MimeLimits mimeLimits() {
            long headerBytes = mimeMaxHeaderSize.toBytes();
            if (headerBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("facteur.limits.mime-max-header-size: " + mimeMaxHeaderSize + " is more than 2GB");
            }
            return new MimeLimits(mimeMaxDepth, mimeMaxParts, (int) headerBytes, mimeMaxHeaderLines);
        }

        Optional<Long> defaultQuotaBytes() {
            String q = defaultQuota.strip();
            if (q.equalsIgnoreCase("unlimited")) {
                return Optional.empty();
            }
            try {
                return Optional.of(DataSize.parse(q).toBytes());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("facteur.limits.default-quota: '" + q
                        + "' is not a size such as 1GB or 500MB, nor 'unlimited'");
            }
        }

        List<String> connectionLimitExemptList() {
            return connectionLimitExempt == null ? List.of()
                    : java.util.Arrays.stream(connectionLimitExempt.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        }
    }

    /**
     * {@code caFile}: PEM certificate authorities trusted besides the JDK's for MTA-STS and Web Key Directories
     * ({@code FACTEUR_OUTBOUND_CA_FILE}); {@code wkdLookup}: {@code off}, {@code public} (absent) or {@code any}
     * ({@code FACTEUR_OUTBOUND_WKD_LOOKUP}, see {@link MailServerSettings.WkdLookup}); {@code dkimSigning}: whether mail
     * leaving for other domains is DKIM-signed ({@code FACTEUR_DKIM_SIGNING}; absent: yes).
     */
    public record Outbound(String relayHost, String routes, @NotNull List<Duration> retryDelays,
                           @Min(0) int maxRetries, boolean startTls, String caFile, MailServerSettings.WkdLookup wkdLookup,
                           Boolean dkimSigning) {

        @ConstructorBinding
        public Outbound {
            wkdLookup = wkdLookup == null ? MailServerSettings.WkdLookup.PUBLIC : wkdLookup;
            dkimSigning = dkimSigning == null ? Boolean.TRUE : dkimSigning;
        }

        /** Without extra certificate authorities. */
        public Outbound(String relayHost, String routes, List<Duration> retryDelays, int maxRetries, boolean startTls) {
            this(relayHost, routes, retryDelays, maxRetries, startTls, null, null, null);
        }
    }

    /**
     * Mailing lists: the robot's address, delays, the size of a copy, and what the robot may send: commands that send
     * mail per message, confirmation requests and other replies per address and window. Digests go every day at
     * {@code digestTime} ({@code FACTEUR_LISTS_DIGEST_TIME}, server time) and as soon as {@code digestMaxPosts}
     * ({@code FACTEUR_LISTS_DIGEST_MAX_POSTS}) posts wait. Bounce handling (absent: Mailman 3's defaults,
     * {@link BounceSettings#DEFAULTS}): the score that suspends a member, the days after which a score without a hard
     * bounce starts again, when a suspended member is probed and how long the probe may take to bounce.
     */
    public record Lists(@NotBlank String robot, @NotNull java.util.Locale defaultLanguage, @NotNull Duration confirmationTtl,
                        @NotNull Duration heldPostTtl, @Min(1) @Max(10000) int recipientsPerMessage,
                        @Min(1) @Max(100) int commandsPerMessage, @Min(1) int confirmationsPerAddress,
                        @Min(1) int repliesPerAddress, @NotNull Duration limitWindow, @NotNull java.time.LocalTime digestTime,
                        @Min(1) int digestMaxPosts, @Min(1) Integer bounceThreshold, @Min(1) Integer bounceStaleDays,
                        Duration bounceProbeAfter, Duration bounceProbeWindow) {

        @ConstructorBinding
        public Lists {
        }

        /** With the default digest times and bounce handling. */
        public Lists(String robot, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, int commandsPerMessage, int confirmationsPerAddress, int repliesPerAddress,
                     Duration limitWindow) {
            this(robot, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, commandsPerMessage,
                    confirmationsPerAddress, repliesPerAddress, limitWindow, DigestSettings.DEFAULTS.time(),
                    DigestSettings.DEFAULTS.maxPosts());
        }

        /** With the default bounce handling. */
        public Lists(String robot, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, int commandsPerMessage, int confirmationsPerAddress, int repliesPerAddress,
                     Duration limitWindow, java.time.LocalTime digestTime, int digestMaxPosts) {
            this(robot, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, commandsPerMessage,
                    confirmationsPerAddress, repliesPerAddress, limitWindow, digestTime, digestMaxPosts, null, null, null, null);
        }

        /** With the default digest times. */
        public Lists(String robot, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, int commandsPerMessage, int confirmationsPerAddress, int repliesPerAddress,
                     Duration limitWindow, Integer bounceThreshold, Integer bounceStaleDays, Duration bounceProbeAfter,
                     Duration bounceProbeWindow) {
            this(robot, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, commandsPerMessage,
                    confirmationsPerAddress, repliesPerAddress, limitWindow, DigestSettings.DEFAULTS.time(),
                    DigestSettings.DEFAULTS.maxPosts(), bounceThreshold, bounceStaleDays, bounceProbeAfter, bounceProbeWindow);
        }

        BounceSettings bounces() {
            BounceSettings d = BounceSettings.DEFAULTS;
            return new BounceSettings(new BounceScore.Policy(bounceThreshold == null ? d.score().threshold() : bounceThreshold,
                    bounceStaleDays == null ? d.score().staleAfterDays() : bounceStaleDays),
                    bounceProbeAfter == null ? d.probeAfter() : bounceProbeAfter,
                    bounceProbeWindow == null ? d.probeWindow() : bounceProbeWindow);
        }
    }

    /**
     * {@code uri} ({@code FACTEUR_RABBITMQ_URI}): the RabbitMQ through which the nodes sharing a PostgreSQL database
     * tell each other of mailbox events (new mail for IMAP IDLE, the search index), such as
     * {@code amqp://facteur:secret@10.0.0.5:5672}; empty: one node alone. Never prints the URI, which may hold a password.
     */
    public record RabbitMq(String uri) {
        @Override
        public String toString() {
            return "RabbitMq[" + (uri == null || uri.isBlank() ? "none" : "set") + "]";
        }
    }

    /** Facteur's database: SQLite in the data directory when the URL is empty, else PostgreSQL. */
    public record Database(String url, String user, String password) {
        /** Never prints the password. */
        @Override
        public String toString() {
            return "Database[url=" + (url == null || url.isBlank() ? "embedded SQLite" : url) + ", user=" + user + "]";
        }
    }

    /**
     * {@code uri} ({@code FACTEUR_REDIS_URI}): the Redis where several nodes share their login counters, such as
     * {@code redis://127.0.0.1:6379/0}; empty: each process counts in its own memory. {@code keyPrefix}
     * ({@code FACTEUR_REDIS_KEY_PREFIX}, default {@code facteur:}) starts every key. Never prints the URI, which
     * may hold a password.
     */
    public record Redis(String uri, String keyPrefix) {
        @Override
        public String toString() {
            return "Redis[" + (uri == null || uri.isBlank() ? "none" : "set") + "]";
        }
    }

    /**
     * What one logged-in sender may submit: {@code messagesPerHour} ({@code FACTEUR_SUBMISSION_MESSAGES_PER_HOUR}) and
     * {@code recipientsPerMessage} ({@code FACTEUR_SUBMISSION_RECIPIENTS_PER_MESSAGE}).
     */
    public record Submission(@Min(1) int messagesPerHour, @Min(1) int recipientsPerMessage) {
    }

    /** The mail server's settings; an invalid value is reported in one sentence. */
    public MailServerSettings toMailServerSettings() {
        Optional<Path> cert = blankToEmpty(tls.certificate()).map(Path::of);
        Optional<Path> key = blankToEmpty(tls.privateKey()).map(Path::of);
        List<MailServerSettings.Route> routeList = new ArrayList<>();
        for (String entry : blankToEmpty(outbound.routes()).map(r -> r.split(",")).orElse(new String[0])) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("facteur.outbound.routes: '" + e + "' is not domain=host:port");
            }
            routeList.add(new MailServerSettings.Route(e.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT),
                    MailServerSettings.HostPort.parse(e.substring(eq + 1))));
        }
        return new MailServerSettings(dataDir, hostname, bindAddress,
                new MailServerSettings.Ports(ports.smtp(), ports.submission(), ports.smtps(), ports.imap(), ports.imaps()),
                new MailServerSettings.Tls(cert, key),
                new MailServerSettings.Limits(limits.maxMessageSize().toBytes(), limits.connectionLimit(),
                        limits.connectionLimitPerIp(), limits.imapLiteralSizeLimit().toBytes(),
                        limits.connectionLimitExemptList(), limits.maxRecipients(), limits.defaultQuotaBytes(),
                        limits.mimeLimits(), limits.mailProcessingTimeout()),
                new MailServerSettings.Outbound(blankToEmpty(outbound.relayHost()).map(MailServerSettings.HostPort::parse),
                        routeList, outbound.retryDelays(), outbound.maxRetries(), outbound.startTls(),
                        blankToEmpty(outbound.caFile()).map(Path::of), outbound.wkdLookup(), outbound.dkimSigning()),
                spoolerThreads,
                new MailServerSettings.Lists(lists.robot(), lists.defaultLanguage(), lists.confirmationTtl(), lists.heldPostTtl(),
                        lists.recipientsPerMessage(), new RobotLimits(lists.commandsPerMessage(), lists.confirmationsPerAddress(),
                                lists.repliesPerAddress(), lists.limitWindow()), PublicUrl.parse(publicUrl),
                        new DigestSettings(lists.digestTime(), lists.digestMaxPosts()), lists.bounces()),
                new MailServerSettings.Database(blankToEmpty(database.url()), database.user(), database.password()),
                TrustedNetworks.parse(trustedProxies), blankToEmpty(postmaster), proxyProtocol,
                blankToEmpty(redis == null ? null : redis.uri()).map(uri -> new RedisSettings(RedisUri.parse(uri), redis.keyPrefix())),
                submission == null ? SubmissionLimits.DEFAULTS
                        : new SubmissionLimits(submission.messagesPerHour(), submission.recipientsPerMessage()),
                org.facteur.mailserver.dns.DnsServers.parse(dnsServers),
                inboundChecks == null ? MailServerSettings.InboundChecks.DEFAULTS
                        : new MailServerSettings.InboundChecks(inboundChecks.enabled(), inboundChecks.exemptList()),
                blankToEmpty(rspamd == null ? null : rspamd.url())
                        .map(url -> org.facteur.mailserver.spam.RspamdSettings.of(url, rspamd.learnUrl(), rspamd.password())),
                search == null || search.indexing(),
                blankToEmpty(rabbitmq == null ? null : rabbitmq.uri()).map(org.facteur.mailserver.events.RabbitMqSettings::parse));
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
