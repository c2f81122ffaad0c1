package org.facteur.mailserver.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.facteur.lists.testing.MutableClock;
import org.facteur.pgp.Certificate;
import org.junit.jupiter.api.Test;

class WebKeyDirectoryKeysTest {
    @Test
    void aKeyFoundCountsForADayThenMustBeLookedUpAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
        WebKeyDirectoryKeys keys = new WebKeyDirectoryKeys(clock);
        Certificate dana = WebKeyDirectoryLookupTest.DANA;
        keys.remember("dana@wkd.test", Optional.of(dana));
        clock.advance(WebKeyDirectoryKeys.KEPT.minusSeconds(1));
        assertThat(keys.recent("dana@wkd.test")).contains(dana);
        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.recent("dana@wkd.test")).isEmpty();
    }

    @Test
    void aDirectoryThatNoLongerHasTheKeyWithdrawsItAndTheOldestAddressesGoFirst() {
        WebKeyDirectoryKeys keys = new WebKeyDirectoryKeys(new MutableClock(Instant.parse("2026-12-03T08:00:00Z")));
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
