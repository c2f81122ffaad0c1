package org.facteur.mailserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.lists.bounce.BounceKind;
import org.facteur.lists.posting.Decision;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ListMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListMetrics metrics = new ListMetrics(registry);

    @Test
    void postsAreCountedByOutcomeAndReasonAndCopiesByRecipient() {
        metrics.postDecided("team@example.org", new Decision.Accept(), 40);
        metrics.postDecided("team@example.org", new Decision.Accept(), 2);
        metrics.postDecided("team@example.org", new Decision.Hold("hold.non-member"), 0);
        metrics.postDecided("news@example.org", new Decision.Reject("reject.newsletter", "news@example.org"), 0);
        metrics.postDecided("team@example.org", new Decision.Discard("loop"), 0);

        assertThat(registry.get(ListMetrics.POSTS).tag("outcome", "distributed").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ListMetrics.POSTS).tag("outcome", "held").tag("reason", "hold.non-member").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(ListMetrics.POSTS).tag("outcome", "rejected").tag("reason", "reject.newsletter").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(ListMetrics.POSTS).tag("outcome", "discarded").tag("reason", "loop").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(ListMetrics.RECIPIENTS).counter().count()).isEqualTo(42.0);
    }

    @Test
    void bouncesAreCountedByKindAndSuspensionsResumptionsAndRemovalsByAction() {
        metrics.bounced("team@example.org", BounceKind.HARD);
        metrics.bounced("team@example.org", BounceKind.HARD);
        metrics.bounced("team@example.org", BounceKind.POLICY);
        metrics.suspended("team@example.org");
        metrics.resumedAfterProbe("team@example.org");
        metrics.removedForBounces("team@example.org");
        metrics.removedForBounces("news@example.org");

        assertThat(registry.get(ListMetrics.BOUNCES).tag("kind", "hard").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ListMetrics.BOUNCES).tag("kind", "policy").counter().count()).isEqualTo(1.0);
        assertThat(registry.find(ListMetrics.BOUNCES).tag("kind", "transient").counter()).isNull();
        assertThat(registry.get(ListMetrics.BOUNCE_ACTIONS).tag("action", "suspended").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ListMetrics.BOUNCE_ACTIONS).tag("action", "resumed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ListMetrics.BOUNCE_ACTIONS).tag("action", "removed").counter().count()).isEqualTo(2.0);
    }
}
