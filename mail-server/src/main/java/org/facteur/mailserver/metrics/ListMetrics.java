package org.facteur.mailserver.metrics;

import org.facteur.lists.ListActivity;
import org.facteur.lists.posting.Decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Posts to mailing lists by outcome ({@code distributed}, {@code held}, {@code rejected}, {@code discarded}) with the
 * rule's reason, and the copies distributed. No per-list label: a host with many lists would get many series.
 */
public final class ListMetrics implements ListActivity {
    static final String POSTS = "facteur.lists.posts";
    static final String RECIPIENTS = "facteur.lists.recipients";

    private final MeterRegistry registry;
    private final Counter recipients;

    public ListMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recipients = Counter.builder(RECIPIENTS).description("Members a distributed post was sent to")
                .register(registry);
    }

    @Override
    public void postDecided(String list, Decision decision, int copies) {
        switch (decision) {
            case Decision.Accept a -> posts("distributed", "none");
            case Decision.Hold h -> posts("held", h.reasonKey());
            case Decision.Reject r -> posts("rejected", r.reasonKey());
            case Decision.Discard d -> posts("discarded", d.why());
        }
        recipients.increment(copies);
    }

    private void posts(String outcome, String reason) {
        Counter.builder(POSTS).description("Posts to mailing lists by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason).register(registry).increment();
    }
}
