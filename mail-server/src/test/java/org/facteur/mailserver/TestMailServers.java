package org.facteur.mailserver;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds settings for a test server on free loopback ports. */
public final class TestMailServers {
    /**
     * The limits application.yml ships with (25 MB messages, 50 MB IMAP literals, 50 connections per client except
     * from loopback, 1000 recipients per transaction, 1 GB quota for new mailboxes).
     */
    public static final MailServerSettings.Limits LIMITS = new MailServerSettings.Limits(25L * 1024 * 1024, 0, 50,
            50L * 1024 * 1024, List.of("127.0.0.0/8", "::1"), 1000, Optional.of(1024L * 1024 * 1024));

    /** Lists on the embedded store, with application.yml's defaults. */
    public static final MailServerSettings.Lists LISTS = new MailServerSettings.Lists("lists",
            java.util.Locale.ENGLISH, java.time.Duration.ofDays(7), java.time.Duration.ofDays(30), 100,
            org.facteur.lists.RobotLimits.DEFAULTS);

    private TestMailServers() {
    }

    /** Ports handed out by {@link #freePort} in this JVM: never twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, for a server a test starts a moment later. Taken at random below Linux's ephemeral range
     * (32768–60999): a port the kernel hands out for {@code bind(0)} comes from that range, which every outgoing
     * connection of every test also draws from, and a server that lost its port to a client socket in between did not
     * start ("Address already in use", seen in {@code ClientSetupIT} under a full run). Never the same port twice in
     * one JVM; {@code bind(0)} only if 200 random tries fail.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = random.nextInt(15_000, 32_000);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static MailServerSettings settings(Path dataDir) {
        return settings(dataDir, List.of());
    }

    /** Starts a server with the domain example.org and these local parts as its users, all with {@code password}. */
    public static FacteurMailServer startWithUsers(MailServerSettings settings, String password, String... localParts) throws Exception {
        FacteurMailServer server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        for (String user : localParts) {
            server.admin().addUser(user + "@example.org", password);
        }
        return server;
    }

    /** These settings with other limits. */
    public static MailServerSettings withLimits(MailServerSettings s, MailServerSettings.Limits limits) {
        return new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(), limits, s.outbound(),
                s.spoolerThreads(), s.lists());
    }

    /** These settings with other outbound delivery settings. */
    public static MailServerSettings withOutbound(MailServerSettings s, MailServerSettings.Outbound outbound) {
        return new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(), s.limits(), outbound,
                s.spoolerThreads(), s.lists(), s.database(), s.trustedProxies(), s.postmaster(), s.proxyProtocol(), s.redis(),
                s.submission(), s.dnsServers(), s.inboundChecks(), s.rspamd());
    }

    /**
     * Settings whose MIME limits let anything in: for tests of what reads stored mail (the webmail) against
     * messages that arrived before the limits existed or by another path, where those readers' own bounds must hold.
     */
    public static MailServerSettings withoutMimeLimits(Path dataDir) {
        MailServerSettings s = settings(dataDir);
        MailServerSettings.Limits l = s.limits();
        return withLimits(s, new MailServerSettings.Limits(l.maxMessageSize(), l.connectionLimit(), l.connectionLimitPerIp(),
                l.imapLiteralSizeLimit(), l.connectionLimitExempt(), l.maxRecipients(), l.defaultQuota(),
                new org.facteur.mailserver.mime.MimeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                l.mailProcessingTimeout()));
    }

    public static MailServerSettings settings(Path dataDir, List<MailServerSettings.Route> routes) {
        MailServerSettings.Outbound out = new MailServerSettings.Outbound(Optional.empty(), routes,
                List.of(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2)), 2, false);
        return new MailServerSettings(dataDir, "mail.facteur.test", "127.0.0.1",
                new MailServerSettings.Ports(freePort(), freePort(), freePort(), freePort(), freePort()),
                MailServerSettings.Tls.selfSigned(), LIMITS, out, 4, LISTS);
    }
}
