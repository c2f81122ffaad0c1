package org.facteur.app;

import java.util.Locale;
import java.util.Map;

/**
 * {@code FACTEUR_LOG_FORMAT}: {@code text} (the default, one readable line per event) or {@code json} (one JSON object
 * per line in the Elastic Common Schema, Spring Boot's structured logging, with the key-value pairs of an event such
 * as the SMTP transaction line as fields).
 */
enum LogFormat {
    TEXT, JSON;

    static LogFormat fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("FACTEUR_LOG_FORMAT is '" + value + "'; it must be text or json.");
        };
    }

    Map<String, Object> springProperties() {
        return this == JSON ? Map.of("logging.structured.format.console", "ecs") : Map.of();
    }
}
