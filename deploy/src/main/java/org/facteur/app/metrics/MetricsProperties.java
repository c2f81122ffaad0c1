package org.facteur.app.metrics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where {@code /metrics} listens ({@code facteur.metrics.*}, or {@code FACTEUR_METRICS_PORT} and
 * {@code FACTEUR_METRICS_BIND}): loopback by default, since the figures describe the server to whoever reads them.
 * Port 0 turns the listener off.
 */
@Validated
@ConfigurationProperties("facteur.metrics")
public record MetricsProperties(@Min(0) @Max(65535) int port, @NotBlank String bind) {

    public boolean enabled() {
        return port > 0;
    }
}
