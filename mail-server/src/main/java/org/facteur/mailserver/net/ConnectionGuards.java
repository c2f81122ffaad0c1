package org.facteur.mailserver.net;

import java.util.Arrays;
import java.util.Optional;

import io.netty.channel.ChannelPipeline;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Facteur's handlers in front of a James listener's framing: the per-client connection limit and quiet handling of
 * clients that go away. Read from the listener's XML ({@value #LIMIT_KEY}, {@value #EXEMPT_KEY}); James's own
 * {@code connectionLimitPerIP} stays 0 (it has no exemption and IMAP ignores it in 3.8.1).
 */
public final class ConnectionGuards {
    public static final String LIMIT_KEY = "facteurConnectionLimitPerIp";
    public static final String EXEMPT_KEY = "facteurConnectionLimitExempt";

    private static final QuietDisconnects QUIET = new QuietDisconnects();

    private final Optional<ConnectionsPerClient> perClient;

    private ConnectionGuards(Optional<ConnectionsPerClient> perClient) {
        this.perClient = perClient;
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
        return new ConnectionGuards(limit == 0 ? Optional.empty()
                : Optional.of(new ConnectionsPerClient(limit, exempt, refusal.replace("{limit}", Integer.toString(limit)))));
    }

    /** Adds the handlers to a pipeline being built, before James's framer. */
    public void addTo(ChannelPipeline pipeline) {
        pipeline.addLast("facteur-quiet-disconnects", QUIET);
        perClient.ifPresent(handler -> pipeline.addLast("facteur-connections-per-client", handler));
    }
}
