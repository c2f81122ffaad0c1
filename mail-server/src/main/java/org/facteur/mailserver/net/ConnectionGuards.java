package org.facteur.mailserver.net;

import java.util.Arrays;
import java.util.Optional;

import io.netty.channel.ChannelPipeline;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Facteur's handlers in front of a James listener's framing: the PROXY protocol gate when the listener requires it,
 * the per-client connection limit, quiet handling of clients that go away and the prompt ACK after a TLS handshake
 * ({@link AckAfterTlsHandshake}). Read from the listener's XML
 * ({@value #LIMIT_KEY}, {@value #EXEMPT_KEY}, James's own {@value #PROXY_KEY} and {@value #TRUSTED_PROXIES_KEY});
 * James's own {@code connectionLimitPerIP} stays 0 (it has no exemption and IMAP ignores it in 3.8.1).
 */
public final class ConnectionGuards {
    public static final String LIMIT_KEY = "facteurConnectionLimitPerIp";
    public static final String EXEMPT_KEY = "facteurConnectionLimitExempt";
    /** James's key: it then puts Netty's PROXY header decoder first in every connection's pipeline. */
    public static final String PROXY_KEY = "proxyRequired";
    /** The peers whose PROXY headers are believed, CIDRs separated by commas or spaces. */
    public static final String TRUSTED_PROXIES_KEY = "facteurTrustedProxies";
    /** The name James gives its PROXY header decoder, and (IMAP) the handler after it that the gate replaces. */
    private static final String JAMES_PROXY_DECODER = "proxyHandler";
    private static final String JAMES_IMAP_PROXY_HANDLER = "proxyInformationHandler";

    private static final QuietDisconnects QUIET = new QuietDisconnects();

    private final Optional<ConnectionsPerClient> perClient;
    private final Optional<ClientNetworks> proxies;

    private ConnectionGuards(Optional<ConnectionsPerClient> perClient, Optional<ClientNetworks> proxies) {
        this.perClient = perClient;
        this.proxies = proxies;
    }

    /** @param refusal what a client over the limit is told, e.g. {@code 421 ...} for SMTP, {@code * BYE ...} for IMAP */
    public static ConnectionGuards configure(HierarchicalConfiguration<ImmutableNode> config, String refusal)
            throws ConfigurationException {
        int limit = config.getInt(LIMIT_KEY, 0);
        if (limit < 0) {
            throw new ConfigurationException(LIMIT_KEY + " cannot be negative");
        }
        ClientNetworks exempt;
        try {
            exempt = ClientNetworks.parse(Arrays.asList(config.getString(EXEMPT_KEY, "").split(",")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(EXEMPT_KEY + ": " + e.getMessage());
        }
        Optional<ClientNetworks> proxies = Optional.empty();
        if (config.getBoolean(PROXY_KEY, false)) {
            try {
                proxies = Optional.of(ClientNetworks.parse(Arrays.asList(config.getString(TRUSTED_PROXIES_KEY, "").split("[,\\s]+"))));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(TRUSTED_PROXIES_KEY + ": " + e.getMessage());
            }
            if (proxies.get().isEmpty()) {
                throw new ConfigurationException("the PROXY protocol is required but no proxy is trusted: set FACTEUR_TRUSTED_PROXIES");
            }
        }
        return new ConnectionGuards(limit == 0 ? Optional.empty()
                : Optional.of(new ConnectionsPerClient(limit, exempt, refusal.replace("{limit}", Integer.toString(limit)))), proxies);
    }

    /**
     * Adds the handlers to a pipeline being built, before James's framer; the PROXY protocol gate goes right after
     * James's PROXY header decoder (in front of TLS), replacing the IMAP handler James puts there.
     */
    public void addTo(ChannelPipeline pipeline) {
        proxies.ifPresent(trusted -> {
            if (pipeline.get(JAMES_IMAP_PROXY_HANDLER) != null) {
                // Same name: James adds the TLS handler of IMAPS after it.
                pipeline.replace(JAMES_IMAP_PROXY_HANDLER, JAMES_IMAP_PROXY_HANDLER, new ProxyProtocolGate(trusted, false));
            } else if (pipeline.get(JAMES_PROXY_DECODER) != null) {
                pipeline.addAfter(JAMES_PROXY_DECODER, "facteur-proxy-protocol", new ProxyProtocolGate(trusted, true));
            } else {
                throw new IllegalStateException("the PROXY protocol is required but James added no PROXY decoder");
            }
        });
        pipeline.addLast("facteur-quiet-disconnects", QUIET);
        pipeline.addLast(AckAfterTlsHandshake.NAME, new AckAfterTlsHandshake());
        perClient.ifPresent(handler -> pipeline.addLast("facteur-connections-per-client", handler));
    }
}
