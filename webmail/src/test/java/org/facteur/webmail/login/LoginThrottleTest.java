package org.facteur.webmail.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void anAccountIsBlockedAfterFiveFailuresUntilTheyLeaveTheWindow() {
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
            assertThat(throttle.blocked("10.0.0." + i, "alice@example.org")).isFalse();
            throttle.failed("10.0.0." + i, "alice@example.org");
        }
        assertThat(throttle.blocked("10.0.0.99", "alice@example.org")).isTrue();
        assertThat(throttle.blocked("10.0.0.99", "bob@example.org")).isFalse();
        now = now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(throttle.blocked("10.0.0.99", "alice@example.org")).isFalse();
    }

    @Test
    void oneClientIsBlockedAfterTwentyFailuresWhateverTheAccounts() {
        for (int i = 0; i < LoginThrottle.PER_IP; i++) {
            throttle.failed("192.0.2.7", "user" + i + "@example.org");
        }
        assertThat(throttle.blocked("192.0.2.7", "someone-new@example.org")).isTrue();
        assertThat(throttle.blocked("192.0.2.8", "someone-new@example.org")).isFalse();
    }

    @Test
    void aSuccessClearsTheAccountCount() {
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT - 1; i++) {
            throttle.failed("10.0.0.1", "alice@example.org");
        }
        throttle.succeeded("alice@example.org");
        throttle.failed("10.0.0.1", "alice@example.org");
        assertThat(throttle.blocked("10.0.0.2", "alice@example.org")).isFalse();
    }
}
