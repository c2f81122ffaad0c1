package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.facteur.lists.testing.MutableClock;
import org.facteur.mailserver.dns.MtaStsPolicy;
import org.facteur.mailserver.dns.TxtLookup;
import org.junit.jupiter.api.Test;

/** Discovery and caching of receiving domains' policies (RFC 8461 §3.1, §5.1), with a controlled clock. */
class MtaStsPoliciesTest {
    private final Map<String, TxtLookup.Answer> txt = new ConcurrentHashMap<>();
    private final Map<String, MtaStsPolicy> served = new ConcurrentHashMap<>();
    private final List<String> fetches = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final MtaStsPolicies policies = new MtaStsPolicies(name -> txt.getOrDefault(name, new TxtLookup.NotFound()),
            domain -> {
                fetches.add(domain);
                MtaStsPolicy p = served.get(domain);
                if (p == null) {
                    throw new IOException("connection refused");
                }
                return p;
            }, clock);

    private static MtaStsPolicy enforce(String mx, Duration maxAge) {
        return MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, mx, maxAge);
    }

    private void record(String domain, String id) {
        txt.put("_mta-sts." + domain, new TxtLookup.Found(List.of("v=spf1 -all", "v=STSv1; id=" + id + ";")));
    }

    @Test
    void noRecordNoPolicyAndNoFetch() {
        assertThat(policies.policy("plain.test")).isEmpty();
        assertThat(policies.enforced("plain.test")).isFalse();
        assertThat(fetches).isEmpty();
    }

    @Test
    void aPolicyIsFetchedOnceAndKeptWhileTheIdStaysTheSame() {
        record("secure.test", "abc1");
        served.put("secure.test", enforce("mx.secure.test", Duration.ofDays(1)));
        assertThat(policies.enforced("Secure.TEST")).isTrue();
        clock.advance(Duration.ofHours(23));
        assertThat(policies.policy("secure.test")).hasValue(enforce("mx.secure.test", Duration.ofDays(1)));
        assertThat(fetches).containsExactly("secure.test");
    }

    @Test
    void aNewIdFetchesTheNewPolicy() {
        record("secure.test", "abc1");
        served.put("secure.test", enforce("mx.secure.test", Duration.ofDays(1)));
        policies.policy("secure.test");
        record("secure.test", "abc2");
        served.put("secure.test", MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mx2.secure.test", Duration.ofDays(1)));
        assertThat(policies.policy("secure.test").orElseThrow().mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
        assertThat(policies.enforced("secure.test")).isFalse();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void aFailedFetchOrAVanishedRecordKeepsTheCachedPolicyUntilItsMaxAge() {
        record("secure.test", "abc1");
        served.put("secure.test", enforce("mx.secure.test", Duration.ofDays(1)));
        policies.policy("secure.test");
        record("secure.test", "abc2");
        served.remove("secure.test");
        assertThat(policies.enforced("secure.test")).as("fetch fails: the cached policy holds").isTrue();
        txt.remove("_mta-sts.secure.test");
        assertThat(policies.enforced("secure.test")).as("no record: the cached policy holds").isTrue();
        txt.put("_mta-sts.secure.test", new TxtLookup.TemporaryFailure("SERVFAIL"));
        assertThat(policies.enforced("secure.test")).as("DNS failure: the cached policy holds").isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(policies.policy("secure.test")).as("expired").isEmpty();
        record("secure.test", "abc1");
        served.put("secure.test", enforce("mx.secure.test", Duration.ofDays(1)));
        assertThat(policies.enforced("secure.test")).isTrue();
        assertThat(fetches).as("the expired policy is fetched again, under its first id too").hasSize(3);
    }

    @Test
    void aFailedFetchIsNotRetriedAtEveryDelivery() {
        record("broken.test", "x1");
        assertThat(policies.policy("broken.test")).isEmpty();
        assertThat(policies.policy("broken.test")).isEmpty();
        assertThat(fetches).hasSize(1);
        clock.advance(MtaStsPolicies.RETRY_FAILED_FETCH);
        served.put("broken.test", enforce("mx.broken.test", Duration.ofDays(1)));
        assertThat(policies.enforced("broken.test")).isTrue();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void theRecordMustBeTheOnlyStsv1OneWithAnAlphanumericId() {
        assertThat(MtaStsPolicies.recordId(new TxtLookup.Found(List.of("v=STSv1; id=20160831085700Z;")))).hasValue("20160831085700Z");
        assertThat(MtaStsPolicies.recordId(new TxtLookup.Found(List.of("v=STSv1;id=a1", "v=STSv1; id=b2")))).isEmpty();
        assertThat(MtaStsPolicies.recordId(new TxtLookup.Found(List.of("v=STSv1; id=not-ok")))).isEmpty();
        assertThat(MtaStsPolicies.recordId(new TxtLookup.Found(List.of("v=STSv1")))).isEmpty();
        assertThat(MtaStsPolicies.recordId(new TxtLookup.Found(List.of("v=STSv2; id=a1")))).isEmpty();
        assertThat(MtaStsPolicies.recordId(new TxtLookup.NotFound())).isEmpty();
    }
}
