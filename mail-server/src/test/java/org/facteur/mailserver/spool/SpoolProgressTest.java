package org.facteur.mailserver.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SpoolProgressTest {
    private final MovableClock clock = new MovableClock();
    private final SpoolProgress progress = new SpoolProgress(clock, Duration.ofMinutes(6));

    @Test
    void anIdleSpoolerIsNeverStuck() {
        clock.advance(Duration.ofHours(3));
        assertThat(progress.stall(0)).isEmpty();
    }

    @Test
    void mailsWaitingWhileNothingMovesMakeItStuckWithASentence() {
        clock.advance(Duration.ofMinutes(5));
        assertThat(progress.stall(7)).as("not yet past the bound").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(progress.stall(7)).hasValue("spooler stuck: 7 mails waiting and 0 in processing, and none began or ended for 420 s");
    }

    @Test
    void aMailInProcessingForTooLongWithNothingElseMovingMakesItStuck() {
        long ticket = progress.begin();
        clock.advance(Duration.ofMinutes(7));
        assertThat(progress.stall(0)).get().asString().contains("1 in processing");
        progress.end(ticket);
        assertThat(progress.stall(0)).as("it ended: idle again").isEmpty();
    }

    @Test
    void aBusyButMovingSpoolerIsNotStuck() {
        progress.begin(); // one slow mail
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            progress.end(progress.begin());
        }
        assertThat(progress.stall(100)).isEmpty();
        assertThat(progress.inFlight()).isEqualTo(1);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
