package org.facteur.mailserver.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentChecksTest {
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentChecks recent = new RecentChecks(Duration.ofMinutes(10), 3, now::get);

    @Test
    void aPasswordThatMatchedIsConfirmedUntilTheEntryExpires() {
        assertThat(recent.confirms(HASH, "Orage-7-mer")).isFalse();
        recent.remember(HASH, "Orage-7-mer");

        assertThat(recent.confirms(HASH, "Orage-7-mer")).isTrue();
        now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertThat(recent.confirms(HASH, "Orage-7-mer")).isTrue();
        now.addAndGet(1);
        assertThat(recent.confirms(HASH, "Orage-7-mer")).isFalse();
    }

    @Test
    void anotherPasswordOrAnotherStoredHashIsNeverConfirmed() {
        recent.remember(HASH, "Orage-7-mer");

        assertThat(recent.confirms(HASH, "orage-7-mer")).isFalse();
        assertThat(recent.confirms(HASH, "")).isFalse();
        assertThat(recent.confirms(HASH.replace("c2Fsd", "c2Fse"), "Orage-7-mer")).as("the password changed: new salt").isFalse();
    }

    @Test
    void itHoldsAtMostItsLimit() {
        recent.remember("a", "1");
        recent.remember("b", "2");
        recent.remember("c", "3");
        recent.remember("d", "4"); // full: emptied first

        assertThat(recent.confirms("a", "1")).isFalse();
        assertThat(recent.confirms("d", "4")).isTrue();
    }
}
