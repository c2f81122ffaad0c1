package org.facteur.mailserver.metrics;

import java.util.Locale;

import org.facteur.lists.ListActivity;
import org.facteur.lists.bounce.BounceKind;
import org.facteur.lists.posting.Decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Posts to mailing lists by outcome ({@code distributed}, {@code held}, {@code rejected}, {@code discarded}) with the
 * rule's reason, the copies distributed, failures reported by bounces by kind ({@code hard}, {@code transient},
 * {@code policy}, {@code other_permanent}) and members suspended, resumed or removed for bounces. No per-list label: a host with many lists would get many series.
 */
public final class ListMetrics implements ListActivity {
    static final String POSTS = "facteur.lists.posts";
    static final String RECIPIENTS = "facteur.lists.recipients";
    static final String BOUNCES = "facteur.lists.bounces";
    static final String BOUNCE_ACTIONS = "facteur.lists.bounce.actions";

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

    @Override
    public void bounced(String list, BounceKind kind) {
        Counter.builder(BOUNCES).description("Failures reported by bounces of members' copies, by kind (only hard ones count)")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    @Override
    public void suspended(String list) {
        bounceAction("suspended");
    }

    @Override
    public void resumedAfterProbe(String list) {
        bounceAction("resumed");
    }

    @Override
    public void removedForBounces(String list) {
        bounceAction("removed");
    }

    private void bounceAction(String action) {
        Counter.builder(BOUNCE_ACTIONS).description("Members suspended, resumed after a probe, or removed for bounces")
                .tag("action", action).register(registry).increment();
    }

    private void posts(String outcome, String reason) {
        Counter.builder(POSTS).description("Posts to mailing lists by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason).register(registry).increment();
    }
}
