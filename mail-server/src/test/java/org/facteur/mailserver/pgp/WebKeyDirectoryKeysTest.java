package org.facteur.mailserver.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.facteur.pgp.Certificate;
import org.junit.jupiter.api.Test;

class WebKeyDirectoryKeysTest {
    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aKeyFoundCountsForADayThenMustBeLookedUpAgain() {
        Hands clock = new Hands();
        WebKeyDirectoryKeys keys = new WebKeyDirectoryKeys(clock);
        Certificate dana = WebKeyDirectoryLookupTest.DANA;
        keys.remember("dana@wkd.test", Optional.of(dana));
        clock.now = clock.now.plus(WebKeyDirectoryKeys.KEPT).minusSeconds(1);
        assertThat(keys.recent("dana@wkd.test")).contains(dana);
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(keys.recent("dana@wkd.test")).isEmpty();
    }

    @Test
    void aDirectoryThatNoLongerHasTheKeyWithdrawsItAndTheOldestAddressesGoFirst() {
        WebKeyDirectoryKeys keys = new WebKeyDirectoryKeys(new Hands());
        keys.remember("dana@wkd.test", Optional.of(WebKeyDirectoryLookupTest.DANA));
        keys.remember("dana@wkd.test", Optional.empty());
        assertThat(keys.recent("dana@wkd.test")).isEmpty();

        for (int i = 0; i <= WebKeyDirectoryKeys.MAX_ADDRESSES; i++) {
            keys.remember("member" + i + "@wkd.test", Optional.of(WebKeyDirectoryLookupTest.EVE));
        }
        assertThat(keys.recent("member0@wkd.test")).as("the least recently used went").isEmpty();
        assertThat(keys.recent("member1@wkd.test")).isPresent();
        assertThat(keys.recent("member" + WebKeyDirectoryKeys.MAX_ADDRESSES + "@wkd.test")).isPresent();
    }
}
