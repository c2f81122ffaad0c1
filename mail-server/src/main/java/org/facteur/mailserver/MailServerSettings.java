package org.facteur.mailserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.facteur.lists.RobotLimits;
import org.facteur.lists.digest.DigestSettings;
import org.facteur.mailserver.login.RedisSettings;
import org.facteur.mailserver.login.TrustedNetworks;
import org.facteur.mailserver.smtp.SubmissionLimits;

/**
 * Everything a user may change about the mail server. The deploy module fills it from
 * {@code application.yml} and {@code FACTEUR_*} variables; tests fill it directly. {@code trustedProxies}
 * may name the client they speak for ({@code FACTEUR_TRUSTED_PROXIES}; see {@code login/TrustedNetworks}).
 * {@code postmaster} is the address mail to {@code postmaster@} any served domain goes to ({@code FACTEUR_POSTMASTER});
 * empty: {@code postmaster@} the first served domain (see {@code config/ServerAddresses}). {@code proxyProtocol}: every
 * SMTP and IMAP listener requires a PROXY protocol header (v1 or v2) from one of the {@code trustedProxies}
 * ({@code FACTEUR_PROXY_PROTOCOL}, for HAProxy in front; see {@code net/ProxyProtocolGate}). {@code redis}: where the login
 * counters are shared by several nodes ({@code FACTEUR_REDIS_URI}); empty: in this process's memory. {@code submission}:
 * what one logged-in sender may submit (see {@code smtp/SubmissionLimits}). {@code searchIndexing}: messages are indexed
 * for text search as they arrive ({@code FACTEUR_SEARCH_INDEXING}); off, search reads the text from the store.
 * {@code rabbitMq}: where the nodes sharing a PostgreSQL database tell each other of mailbox events
 * ({@code FACTEUR_RABBITMQ_URI}; see {@code events/RabbitMqEventRelay}); empty: this node hears only its own.
 * James's own XML files are generated from this record at every start.
 */
public record MailServerSettings(
        Path dataDir,
        String hostname,
        String bindAddress,
        Ports ports,
        Tls tls,
        Limits limits,
        Outbound outbound,
        int spoolerThreads,
        Lists lists,
        Database database,
        TrustedNetworks trustedProxies,
        Optional<String> postmaster,
        boolean proxyProtocol,
        Optional<RedisSettings> redis,
        SubmissionLimits submission,
        org.facteur.mailserver.dns.DnsServers dnsServers,
        InboundChecks inboundChecks,
        Optional<org.facteur.mailserver.spam.RspamdSettings> rspamd,
        boolean searchIndexing,
        Optional<org.facteur.mailserver.events.RabbitMqSettings> rabbitMq) {

    /** Settings of one node alone: no RabbitMQ to share mailbox events with others. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol, Optional<RedisSettings> redis,
                              SubmissionLimits submission, org.facteur.mailserver.dns.DnsServers dnsServers, InboundChecks inboundChecks,
                              Optional<org.facteur.mailserver.spam.RspamdSettings> rspamd, boolean searchIndexing) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd, searchIndexing, Optional.empty());
    }

    /** Settings with messages indexed for search as they arrive (the default; {@code FACTEUR_SEARCH_INDEXING}). */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol, Optional<RedisSettings> redis,
                              SubmissionLimits submission, org.facteur.mailserver.dns.DnsServers dnsServers, InboundChecks inboundChecks,
                              Optional<org.facteur.mailserver.spam.RspamdSettings> rspamd) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd, true);
    }

    /** Settings without a spam filter. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol, Optional<RedisSettings> redis,
                              SubmissionLimits submission, org.facteur.mailserver.dns.DnsServers dnsServers, InboundChecks inboundChecks) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, Optional.empty());
    }

    /** Settings with the system's DNS resolvers and the default inbound checks (on, loopback's 127.0.0.1 exempt). */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol, Optional<RedisSettings> redis,
                              SubmissionLimits submission) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, redis, submission, org.facteur.mailserver.dns.DnsServers.system(), InboundChecks.DEFAULTS);
    }

    /** Settings whose login counters are in memory (one node), with the default submission limits. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol, org.facteur.mailserver.dns.DnsServers dnsServers,
                              InboundChecks inboundChecks) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, Optional.empty(), SubmissionLimits.DEFAULTS, dnsServers, inboundChecks);
    }

    /** Settings whose mail listeners take connections directly (no PROXY protocol). */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, Optional<RedisSettings> redis, SubmissionLimits submission) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, false, redis, submission);
    }

    /** Settings with the default submission limits and no PROXY protocol. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, Optional<RedisSettings> redis) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, false, redis, SubmissionLimits.DEFAULTS);
    }

    /** Settings whose login counters are in memory (one node), with the default submission limits. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster, boolean proxyProtocol) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, proxyProtocol, Optional.empty(), SubmissionLimits.DEFAULTS);
    }

    /** Settings whose mail listeners take connections directly, with login counters in memory. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies,
                              Optional<String> postmaster) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                postmaster, false, Optional.empty(), SubmissionLimits.DEFAULTS);
    }

    /** Settings with the embedded database (SQLite in the data directory) and the default trusted proxies (loopback). */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, Database.embedded());
    }

    /** Settings whose postmaster is {@code postmaster@} the first served domain. */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database, TrustedNetworks trustedProxies) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, trustedProxies,
                Optional.empty());
    }

    /** Settings with the default trusted proxies (loopback only). */
    public MailServerSettings(Path dataDir, String hostname, String bindAddress, Ports ports, Tls tls, Limits limits,
                              Outbound outbound, int spoolerThreads, Lists lists, Database database) {
        this(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database, TrustedNetworks.LOOPBACK);
    }

    public MailServerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(rabbitMq, "rabbitMq");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(dnsServers, "dnsServers");
        Objects.requireNonNull(inboundChecks, "inboundChecks");
        Objects.requireNonNull(rspamd, "rspamd");
        postmaster = postmaster.map(String::strip).filter(a -> !a.isEmpty());
        if (postmaster.isPresent() && !postmaster.get().matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalArgumentException("the postmaster must be one address such as postmaster@example.org, not '"
                    + postmaster.get() + "'");
        }
        if (proxyProtocol && !trustedProxies.contains(java.net.InetAddress.getLoopbackAddress())) {
            throw new IllegalArgumentException("FACTEUR_PROXY_PROTOCOL needs loopback (127.0.0.0/8) in FACTEUR_TRUSTED_PROXIES "
                    + "next to the proxy's address: the webmail and the health check in this process connect to the mail ports from it");
        }
        if (spoolerThreads < 1) {
            throw new IllegalArgumentException("spoolerThreads must be at least 1");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** TCP ports; 0 is not allowed because clients must know where to connect. */
    public record Ports(int smtp, int submission, int smtps, int imap, int imaps) {
        public Ports {
            for (int p : new int[] {smtp, submission, smtps, imap, imaps}) {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("port out of range: " + p);
                }
            }
        }
    }

    /** A PEM certificate chain and key; when absent a self-signed certificate is generated. */
    public record Tls(Optional<Path> certificate, Optional<Path> privateKey) {
        public Tls {
            if (certificate.isPresent() != privateKey.isPresent()) {
                throw new IllegalArgumentException("TLS needs both a certificate and a private key, or neither");
            }
        }

        public static Tls selfSigned() {
            return new Tls(Optional.empty(), Optional.empty());
        }
    }

    /**
     * Protective limits (sizes in bytes). {@code connectionLimitPerIp} applies to every mail listener except for
     * clients in {@code connectionLimitExempt} (CIDR blocks; loopback by default, where the webmail connects from);
     * {@code maxRecipients} per SMTP transaction; {@code defaultQuota} is the storage quota given to each new mailbox
     * (empty: unlimited). {@code mime} bounds the MIME structure of a message at SMTP DATA and IMAP APPEND;
     * {@code mailProcessingTimeout} is the longest one mail may spend in the spooler's mailets before it is moved to
     * the error repository.
     */
    public record Limits(long maxMessageSize, int connectionLimit, int connectionLimitPerIp, long imapLiteralSizeLimit,
                         List<String> connectionLimitExempt, int maxRecipients, Optional<Long> defaultQuota,
                         org.facteur.mailserver.mime.MimeLimits mime, Duration mailProcessingTimeout) {
        public static final Duration DEFAULT_MAIL_PROCESSING_TIMEOUT = Duration.ofMinutes(5);

        /** Limits with the default MIME limits and mail processing timeout. */
        public Limits(long maxMessageSize, int connectionLimit, int connectionLimitPerIp, long imapLiteralSizeLimit,
                      List<String> connectionLimitExempt, int maxRecipients, Optional<Long> defaultQuota) {
            this(maxMessageSize, connectionLimit, connectionLimitPerIp, imapLiteralSizeLimit, connectionLimitExempt,
                    maxRecipients, defaultQuota, org.facteur.mailserver.mime.MimeLimits.DEFAULTS, DEFAULT_MAIL_PROCESSING_TIMEOUT);
        }

        public Limits {
            Objects.requireNonNull(mime, "mime");
            Objects.requireNonNull(mailProcessingTimeout, "mailProcessingTimeout");
            if (mailProcessingTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the mail processing timeout must be at least one second");
            }
            connectionLimitExempt = List.copyOf(connectionLimitExempt);
            org.facteur.mailserver.net.ClientNetworks.parse(connectionLimitExempt);
            if (connectionLimit < 0 || connectionLimitPerIp < 0) {
                throw new IllegalArgumentException("connection limits cannot be negative (0 means none)");
            }
            if (maxRecipients < 1) {
                throw new IllegalArgumentException("maxRecipients must be at least 1");
            }
            Objects.requireNonNull(defaultQuota, "defaultQuota");
            if (defaultQuota.isPresent() && defaultQuota.get() < 0) {
                throw new IllegalArgumentException("the default quota cannot be negative");
            }
        }
    }

    /**
     * Outbound delivery. {@code relayHost} is a smarthost for all remote mail; {@code routes} send
     * given domains to a fixed host (a transport map, also how tests point a domain at GreenMail). {@code caFile}: PEM
     * certificate authorities trusted besides the JDK's when a remote must be authenticated (MTA-STS, Web Key
     * Directories). {@code wkdLookup}: whether members may have keys looked up in correspondents' Web Key Directories.
     * {@code dkimSigning}: whether mail leaving for other domains is DKIM-signed with the domains' keys (off when a
     * relay host signs for Facteur, {@code FACTEUR_DKIM_SIGNING}).
     */
    public record Outbound(Optional<HostPort> relayHost, List<Route> routes, List<Duration> retryDelays,
                           int maxRetries, boolean startTls, Optional<Path> caFile, WkdLookup wkdLookup,
                           boolean dkimSigning) {
        public Outbound {
            java.util.Objects.requireNonNull(wkdLookup, "wkdLookup");
            routes = List.copyOf(routes);
            java.util.Set<String> routed = new java.util.HashSet<>();
            for (Route r : routes) {
                if (!routed.add(r.domain().toLowerCase(java.util.Locale.ROOT))) {
                    // one queue per route's domain: a second route would read the first one's mail
                    throw new IllegalArgumentException("outbound routes: " + r.domain() + " is routed twice; keep one");
                }
            }
            retryDelays = List.copyOf(retryDelays);
            if (retryDelays.isEmpty()) {
                throw new IllegalArgumentException("at least one retry delay is needed");
            }
        }

        /** Signing with the domains' DKIM keys. */
        public Outbound(Optional<HostPort> relayHost, List<Route> routes, List<Duration> retryDelays, int maxRetries,
                        boolean startTls, Optional<Path> caFile, WkdLookup wkdLookup) {
            this(relayHost, routes, retryDelays, maxRetries, startTls, caFile, wkdLookup, true);
        }

        /** Trusting the JDK's certificate authorities only. */
        public Outbound(Optional<HostPort> relayHost, List<Route> routes, List<Duration> retryDelays, int maxRetries,
                        boolean startTls) {
            this(relayHost, routes, retryDelays, maxRetries, startTls, Optional.empty());
        }

        /** Web Key Directory lookups on public hosts only. */
        public Outbound(Optional<HostPort> relayHost, List<Route> routes, List<Duration> retryDelays, int maxRetries,
                        boolean startTls, Optional<Path> caFile) {
            this(relayHost, routes, retryDelays, maxRetries, startTls, caFile, WkdLookup.PUBLIC);
        }
    }

    /**
     * Web Key Directory lookups a member asks for from the webmail ({@code FACTEUR_OUTBOUND_WKD_LOOKUP}): {@code OFF};
     * {@code PUBLIC}, only hosts with public addresses (a member cannot make the server connect into its own network);
     * {@code ANY}, also private and loopback addresses (a directory on the association's own network, and tests).
     */
    public enum WkdLookup { OFF, PUBLIC, ANY }

    /**
     * Mailing lists (they live in the same database as the rest: {@link Database}). {@code robotLimits} bound what
     * the command robot sends per message and per address. {@code publicUrl}: base of the public web side
     * ({@code FACTEUR_PUBLIC_URL}), where members' one-click unsubscribe links point. {@code digests}: when digests go.
     * {@code bounces}: when a member's delivery is suspended and when the member is probed ({@code FACTEUR_LISTS_BOUNCE_*}).
     */
    public record Lists(String robotLocalPart, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                        int recipientsPerMessage, RobotLimits robotLimits, Optional<java.net.URI> publicUrl,
                        DigestSettings digests, org.facteur.lists.bounce.BounceSettings bounces) {

        /** With the default digest times and the default bounce handling. */
        public Lists(String robotLocalPart, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, RobotLimits robotLimits, Optional<java.net.URI> publicUrl) {
            this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, robotLimits, publicUrl,
                    DigestSettings.DEFAULTS, org.facteur.lists.bounce.BounceSettings.DEFAULTS);
        }

        /** With the default bounce handling (Mailman 3's score, a probe a week after a suspension). */
        public Lists(String robotLocalPart, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, RobotLimits robotLimits, Optional<java.net.URI> publicUrl, DigestSettings digests) {
            this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, robotLimits, publicUrl,
                    digests, org.facteur.lists.bounce.BounceSettings.DEFAULTS);
        }

        /** With the default digest times. */
        public Lists(String robotLocalPart, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, RobotLimits robotLimits, Optional<java.net.URI> publicUrl,
                     org.facteur.lists.bounce.BounceSettings bounces) {
            this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, robotLimits, publicUrl,
                    DigestSettings.DEFAULTS, bounces);
        }

        /** Without a public web side ({@code FACTEUR_PUBLIC_URL}): copies carry no one-click unsubscribe link. */
        public Lists(String robotLocalPart, java.util.Locale defaultLanguage, Duration confirmationTtl, Duration heldPostTtl,
                     int recipientsPerMessage, RobotLimits robotLimits) {
            this(robotLocalPart, defaultLanguage, confirmationTtl, heldPostTtl, recipientsPerMessage, robotLimits, Optional.empty());
        }

        public Lists {
            Objects.requireNonNull(publicUrl, "publicUrl");
            Objects.requireNonNull(robotLocalPart, "robotLocalPart");
            Objects.requireNonNull(defaultLanguage, "defaultLanguage");
            Objects.requireNonNull(confirmationTtl, "confirmationTtl");
            Objects.requireNonNull(heldPostTtl, "heldPostTtl");
            Objects.requireNonNull(robotLimits, "robotLimits");
            Objects.requireNonNull(digests, "digests");
            Objects.requireNonNull(bounces, "bounces");
        }
    }

    /**
     * Facteur's database: without {@code url}, SQLite in the data directory ({@link DataDirectory#database()});
     * with a {@code jdbc:postgresql:} URL, PostgreSQL (shared by several nodes). Never prints the password.
     */
    public record Database(Optional<String> url, String user, String password) {
        public Database {
            Objects.requireNonNull(url, "url");
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        public static Database embedded() {
            return new Database(Optional.empty(), "", "");
        }

        @Override
        public String toString() {
            return "Database[" + url.orElse("embedded SQLite") + (user.isEmpty() ? "" : ", user=" + user) + "]";
        }
    }

    /**
     * SPF, DKIM and DMARC checks of mail arriving on the MX port ({@code FACTEUR_INBOUND_CHECKS}), except from clients in
     * {@code exempt} ({@code FACTEUR_INBOUND_CHECKS_EXEMPT}, CIDRs; by default 127.0.0.1 and ::1, local programs handing
     * mail over). Mail on the submission ports, from logged-in members, is never checked.
     */
    public record InboundChecks(boolean enabled, List<String> exempt) {
        public static final InboundChecks DEFAULTS = new InboundChecks(true, List.of("127.0.0.1/32", "::1/128"));

        public InboundChecks {
            exempt = List.copyOf(exempt);
            org.facteur.mailserver.net.ClientNetworks.parse(exempt);
        }
    }

    public record Route(String domain, HostPort target) {
    }

    public record HostPort(String host, int port) {
        /** Parses {@code host:port}, or {@code host} with port 25. */
        public static HostPort parse(String value) {
            String v = value.strip();
            int colon = v.lastIndexOf(':');
            if (colon < 0) {
                return new HostPort(v, 25);
            }
            return new HostPort(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The layout of {@link #dataDir}: where each part keeps its files. */
    public DataDirectory data() {
        return DataDirectory.of(dataDir);
    }

    /** Where the database is, as the store opens it. */
    public org.facteur.mailserver.store.sql.DatabaseSettings databaseSettings() {
        return database.url()
                .map(url -> org.facteur.mailserver.store.sql.DatabaseSettings.postgresql(url, database.user(), database.password()))
                .orElseGet(() -> org.facteur.mailserver.store.sql.DatabaseSettings.sqlite(data().database()));
    }

    public MailServerSettings withTrustedProxies(TrustedNetworks proxies) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                proxies, postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd);
    }

    /** These settings with every mail listener requiring (or not) the PROXY protocol from the trusted proxies. */
    public MailServerSettings withProxyProtocol(boolean required) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, required, redis, submission, dnsServers, inboundChecks, rspamd);
    }

    public MailServerSettings withPostmaster(String address) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, Optional.of(address), proxyProtocol, redis, submission, dnsServers, inboundChecks, rspamd);
    }

    /** These settings with the login counters shared in Redis. */
    public MailServerSettings withRedis(RedisSettings redis) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, proxyProtocol, Optional.of(redis), submission, dnsServers, inboundChecks, rspamd);
    }

    /** These settings with other submission limits. */
    public MailServerSettings withSubmissionLimits(SubmissionLimits limits) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, this.limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, proxyProtocol, redis, limits, dnsServers, inboundChecks, rspamd);
    }

    /** These settings with other DNS servers ({@code FACTEUR_DNS_SERVERS}). */
    public MailServerSettings withDnsServers(org.facteur.mailserver.dns.DnsServers servers) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, proxyProtocol, redis, submission, servers, inboundChecks, rspamd);
    }

    /** These settings with Rspamd as the spam filter ({@code FACTEUR_RSPAMD_URL}). */
    public MailServerSettings withRspamd(org.facteur.mailserver.spam.RspamdSettings settings) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, proxyProtocol, redis, submission, dnsServers, inboundChecks, Optional.of(settings));
    }

    /** These settings with other inbound checks. */
    public MailServerSettings withInboundChecks(InboundChecks checks) {
        return new MailServerSettings(dataDir, hostname, bindAddress, ports, tls, limits, outbound, spoolerThreads, lists, database,
                trustedProxies, postmaster, proxyProtocol, redis, submission, dnsServers, checks, rspamd);
    }

    public Path confDir() {
        return data().conf();
    }
}
