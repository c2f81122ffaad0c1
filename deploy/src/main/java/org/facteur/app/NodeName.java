package org.facteur.app;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code FACTEUR_NODE_NAME}: the name of this node when several Facteur processes serve one installation. Set, it
 * goes on every log line (after the level in text, as ECS {@code service.node.name} in JSON) and as the {@code node}
 * label of every metric, so that logs and figures gathered from several nodes say which node they came from. Unset
 * (one node), logs and metrics are as they always were.
 */
public record NodeName(Optional<String> name) {
    /** Letters, digits, dots, dashes and underscores: a host name or a label value, safe in a log line and a metric. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** The property the metrics read it from ({@code MetricsConfiguration}, {@code MetricsServer}). */
    public static final String PROPERTY = "facteur.node-name";

    static NodeName fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return new NodeName(Optional.empty());
        }
        String name = value.strip();
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("FACTEUR_NODE_NAME is '" + value + "'; it must be 1 to 63 letters, digits,"
                    + " dots, dashes or underscores, starting with a letter or a digit (such as mx1 or node-a).");
        }
        return new NodeName(Optional.of(name));
    }

    Map<String, Object> springProperties() {
        return name.<Map<String, Object>>map(n -> Map.of(
                        "logging.pattern.level", "%5p [" + n + "]",
                        "logging.structured.ecs.service.node-name", n,
                        PROPERTY, n))
                .orElse(Map.of());
    }
}
