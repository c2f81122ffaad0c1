package org.facteur.lists.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.facteur.lists.store.DigestQueue;
import org.junit.jupiter.api.Test;

class DigestSettingsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final DigestSettings settings = new DigestSettings(LocalTime.of(7, 0), 3);

    private static DigestQueue waiting(int posts, String oldest) {
        return new DigestQueue("team@example.org", posts, Instant.parse(oldest));
    }

    @Test
    void aDigestIsDueAtTheDailyTimeAfterItsOldestPost() {
        // 07:00 in Paris is 06:00 UTC in December
        DigestQueue morning = waiting(1, "2026-12-02T08:00:00Z");
        assertThat(settings.isDue(morning, Instant.parse("2026-12-02T23:00:00Z"), PARIS)).isFalse();
        assertThat(settings.isDue(morning, Instant.parse("2026-12-03T05:59:00Z"), PARIS)).isFalse();
        assertThat(settings.isDue(morning, Instant.parse("2026-12-03T06:00:00Z"), PARIS)).isTrue();
        DigestQueue night = waiting(1, "2026-12-02T04:00:00Z");
        assertThat(settings.isDue(night, Instant.parse("2026-12-02T05:30:00Z"), PARIS)).isFalse();
        assertThat(settings.isDue(night, Instant.parse("2026-12-02T06:01:00Z"), PARIS)).isTrue();
    }

    @Test
    void aDigestIsDueAsSoonAsEnoughPostsWait() {
        assertThat(settings.isDue(waiting(2, "2026-12-02T08:00:00Z"), Instant.parse("2026-12-02T08:10:00Z"), PARIS)).isFalse();
        assertThat(settings.isDue(waiting(3, "2026-12-02T08:00:00Z"), Instant.parse("2026-12-02T08:10:00Z"), PARIS)).isTrue();
    }

    @Test
    void aDigestNeedsAtLeastOnePost() {
        assertThatThrownBy(() -> new DigestSettings(LocalTime.NOON, 0)).hasMessage("A digest needs at least 1 post to be sent; maxPosts was 0.");
    }
}
