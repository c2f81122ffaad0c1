package org.facteur.mailserver.metrics;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;

import com.codahale.metrics.MetricRegistry;

/**
 * James's own meters (connections and commands per protocol, the mail queue, mailet and mailbox timers), which
 * James keeps in a Dropwizard registry; taken out of the injector so the metrics endpoint can publish them.
 */
public record JamesMetrics(MetricRegistry registry) implements GuiceProbe {

    @Inject
    public JamesMetrics {
    }
}
