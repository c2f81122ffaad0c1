package org.facteur.mailserver.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.MailServerSettings.HostPort;
import org.facteur.mailserver.imap.GuardedImapServerFactory;
import org.facteur.mailserver.imap.append.MultiAppendCommandParser;
import org.facteur.mailserver.tls.TlsIdentity;

/**
 * Generates James's XML configuration into {@code <data>/conf} from {@link MailServerSettings}.
 * Runs at every start, so Facteur's settings are the single source of truth.
 */
public final class JamesConfigWriter {
    static final List<String> FILES = List.of("smtpserver.xml", "imapserver.xml", "mailetcontainer.xml",
            "domainlist.xml", "usersrepository.xml", "recipientrewritetable.xml", "dnsservice.xml",
            "mailrepositorystore.xml", "listeners.xml");

    private JamesConfigWriter() {
    }

    public static void write(MailServerSettings settings, TlsIdentity tls, ServerAddresses addresses) throws IOException {
        Path conf = settings.confDir();
        Files.createDirectories(conf);
        Map<String, String> values = values(settings, tls, addresses);
        for (String file : FILES) {
            writeAtomically(conf.resolve(file), Template.load(file).render(values));
        }
    }

    static Map<String, String> values(MailServerSettings s, TlsIdentity tls, ServerAddresses addresses) {
        Map<String, String> v = new HashMap<>();
        v.put("bind", Template.xml(s.bindAddress()));
        v.put("hostname", Template.xml(s.hostname()));
        v.put("defaultDomain", Template.xml(addresses.defaultDomain()));
        v.put("postmaster", Template.xml(addresses.postmaster()));
        v.put("mailerDaemon", Template.xml(addresses.mailerDaemon()));
        Map<String, String> host = Map.of("hostname", s.hostname());
        v.put("dsnText", Template.xml(Template.load("bounce-dsn.txt").render(host)));
        v.put("errorText", Template.xml(Template.load("bounce-error.txt").render(host)));
        v.put("smtpPort", Integer.toString(s.ports().smtp()));
        v.put("submissionPort", Integer.toString(s.ports().submission()));
        v.put("smtpsPort", Integer.toString(s.ports().smtps()));
        v.put("imapPort", Integer.toString(s.ports().imap()));
        v.put("imapsPort", Integer.toString(s.ports().imaps()));
        v.put("tlsIdentity", tls.jamesXml());
        v.put("connectionLimit", Integer.toString(s.limits().connectionLimit()));
        v.put("connectionLimitPerIp", Integer.toString(s.limits().connectionLimitPerIp()));
        v.put("connectionLimitExempt", Template.xml(String.join(",", s.limits().connectionLimitExempt())));
        v.put("proxyRequired", Boolean.toString(s.proxyProtocol()));
        v.put("trustedProxies", Template.xml(s.trustedProxies().toString()));
        v.put("maxRecipients", Integer.toString(s.limits().maxRecipients()));
        v.put("submissionMessagesPerHour", Integer.toString(s.submission().messagesPerHour()));
        v.put("submissionRecipientsPerMessage", Integer.toString(s.submission().recipientsPerMessage()));
        v.put("mimeMaxDepth", Integer.toString(s.limits().mime().maxDepth()));
        v.put("mimeMaxParts", Integer.toString(s.limits().mime().maxParts()));
        v.put("mimeMaxHeaderBytes", Integer.toString(s.limits().mime().maxHeaderBytes()));
        v.put("mimeMaxHeaderLines", Integer.toString(s.limits().mime().maxHeaderLines()));
        v.put("maxMessageSizeKb", Long.toString(Math.max(1, s.limits().maxMessageSize() / 1024)));
        v.put("imapLimits", imapLimits(s.limits()));
        v.put("spoolerThreads", Integer.toString(s.spoolerThreads()));
        v.put("dkimSigning", Boolean.toString(s.outbound().dkimSigning()));
        v.put("relayMailets", relayMailets(s.outbound()));
        v.put("mtaStsProcessor", mtaStsProcessor(s.outbound()));
        return v;
    }

    private static String imapLimits(MailServerSettings.Limits limits) {
        // James 3.8.1 is exposed to CVE-2024-37358 (unbounded literals): always bound literals and lines.
        return "<literalSizeLimit>" + limits.imapLiteralSizeLimit() + "</literalSizeLimit>"
                + "<facteurLiteralLimit>" + limits.imapLiteralSizeLimit() + "</facteurLiteralLimit>"
                + "<maxLineLength>" + GuardedImapServerFactory.MAX_LINE_BYTES + "</maxLineLength>"
                + "<inMemorySizeLimit>" + MultiAppendCommandParser.IN_MEMORY_COMMAND_BYTES + "</inMemorySizeLimit>";
    }

    /**
     * STARTTLS whenever the remote offers it, without checking its certificate, as Postfix's default
     * {@code smtp_tls_security_level = may} (RFC 7435): James leaves {@code verifyServerIdentity} on by default and
     * javax.mail checks the chain against the JDK's trust store, so a remote with a self-signed or mismatched certificate
     * (common among MXes) failed every attempt with "Could not convert socket to TLS" and the mail bounced after the
     * retries, where sending in clear would have delivered it. Encrypting without authenticating still stops passive
     * eavesdropping; authenticated delivery is what MTA-STS enforce asks for.
     */
    static final String OPPORTUNISTIC_TLS = "\n                <verifyServerIdentity>false</verifyServerIdentity>"
            + "\n                <mail.smtp.ssl.trust>*</mail.smtp.ssl.trust>";

    /** One RemoteDelivery per route (its own queue), then the default one (smarthost or MX lookup). */
    static String relayMailets(MailServerSettings.Outbound out) {
        Template t = Template.load("remotedelivery.xml");
        String tls = out.startTls() ? OPPORTUNISTIC_TLS : "";
        StringBuilder xml = new StringBuilder();
        for (MailServerSettings.Route route : out.routes()) {
            xml.append(t.render(remoteDelivery(out, "HostIs=" + Template.xml(route.domain()),
                    Template.xml(routeQueue(route)), route.target(), out.startTls(), tls)));
        }
        if (out.relayHost().isEmpty()) {
            xml.append(MTA_STS_SWITCH);
        }
        xml.append(t.render(remoteDelivery(out, "All", defaultQueue(out), out.relayHost().orElse(null), out.startTls(),
                tls)));
        return xml.toString();
    }

    /**
     * Mail to domains with an MTA-STS policy in {@code enforce} mode leaves through its own RemoteDelivery (RFC 8461
     * §4): only with MX lookups (a smarthost or a route is the admin's choice of next hop, as in Postfix), after the
     * routes, before the default instance.
     */
    private static final String MTA_STS_SWITCH = """
                        <mailet match="org.facteur.mailserver.outbound.IsMtaStsEnforced" class="ToProcessor">
                            <processor>mta-sts</processor>
                        </mailet>
            """;

    /**
     * STARTTLS required, the chain checked against {@code OutboundTrust} (the JDK's anchors and
     * {@code FACTEUR_OUTBOUND_CA_FILE}) and the certificate's names against the MX host by javax.mail and the JDK. The
     * MX hosts are those the policy names ({@code FacteurDnsService}). A failure is temporary: retried, then a DSN.
     */
    static final String AUTHENTICATED_TLS = "\n                <verifyServerIdentity>true</verifyServerIdentity>"
            + "\n                <mail.smtp.starttls.required>true</mail.smtp.starttls.required>"
            + "\n                <mail.smtp.ssl.socketFactory.class>org.facteur.mailserver.outbound.OutboundTrustSocketFactory"
            + "</mail.smtp.ssl.socketFactory.class>"
            + "\n                <mail.smtp.ssl.socketFactory.fallback>false</mail.smtp.ssl.socketFactory.fallback>";

    static final String OUTGOING = "outgoing";
    static final String OUTGOING_MTA_STS = "outgoing-mta-sts";
    static final String OUTGOING_SMARTHOST = "outgoing-smarthost";
    private static final String ROUTE_QUEUE_PREFIX = "outgoing-route-";

    /**
     * A route's queue, named by its domain: reordering the routes sends no waiting mail through another route's
     * gateway (releases until 2026-12-06 numbered them by position).
     */
    static String routeQueue(MailServerSettings.Route route) {
        return ROUTE_QUEUE_PREFIX + route.domain().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The default RemoteDelivery's queue: its own for a smarthost, so that mail waiting for the smarthost when it is
     * removed goes through the MTA-STS switch and the MX lookup instead of straight to the MX (and mail waiting for the
     * MX when a smarthost is set goes to the smarthost): {@code RemovedQueues} sends a queue no longer read back to the
     * {@link #ROUTE_PROCESSOR}.
     */
    static String defaultQueue(MailServerSettings.Outbound out) {
        return out.relayHost().isPresent() ? OUTGOING_SMARTHOST : OUTGOING;
    }

    /** Every outbound queue this configuration reads, besides James's spool. */
    public static java.util.Set<String> outboundQueues(MailServerSettings.Outbound out) {
        java.util.Set<String> queues = new java.util.HashSet<>();
        queues.add(defaultQueue(out));
        if (out.relayHost().isEmpty()) {
            queues.add(OUTGOING_MTA_STS);
        }
        out.routes().forEach(r -> queues.add(routeQueue(r)));
        return queues;
    }

    /**
     * The processor that chooses an outgoing mail's next hop (routes, MTA-STS enforce, smarthost or MX), after
     * signing: where mail left in an outbound queue no longer read goes again ({@code RemovedQueues}).
     */
    public static final String ROUTE_PROCESSOR = "route";

    /** The processor of mail for MTA-STS enforce domains (none with a smarthost). */
    static String mtaStsProcessor(MailServerSettings.Outbound out) {
        if (out.relayHost().isPresent()) {
            return "";
        }
        Map<String, String> v = remoteDelivery(out, "All", OUTGOING_MTA_STS, null, true, AUTHENTICATED_TLS);
        return "        <processor state=\"mta-sts\" enableJmx=\"false\">\n"
                + Template.load("remotedelivery.xml").render(v) + "        </processor>";
    }

    private static Map<String, String> remoteDelivery(MailServerSettings.Outbound out, String matcher, String queue,
                                                      HostPort gateway, boolean startTls, String tls) {
        Map<String, String> v = new HashMap<>();
        v.put("matcher", matcher);
        v.put("queue", queue);
        v.put("delayTime", out.retryDelays().stream().map(Duration::toMillis).map(String::valueOf)
                .collect(Collectors.joining(", ")));
        v.put("maxRetries", Integer.toString(out.maxRetries()));
        v.put("startTls", Boolean.toString(startTls));
        v.put("tls", tls);
        v.put("gateway", gateway == null ? ""
                : "\n                <gateway>" + Template.xml(gateway.host()) + "</gateway>"
                + "\n                <gatewayPort>" + gateway.port() + "</gatewayPort>");
        return v;
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
