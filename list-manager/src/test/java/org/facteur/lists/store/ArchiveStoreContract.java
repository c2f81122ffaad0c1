package org.facteur.lists.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ArchiveStore} must do. Each implementation's test extends this and supplies a fresh, empty list store. */
public abstract class ArchiveStoreContract {
    private static final String TEAM = "team@example.org";
    private static final String OTHER = "other@example.org";
    private static final Instant OCTOBER_END = Instant.parse("2026-10-31T23:30:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-22T10:00:00Z");

    protected ListStore store;
    private ArchiveStore archives;

    protected abstract ListStore newStore() throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
        archives = store.archives();
        for (String list : List.of(TEAM, OTHER)) {
            store.createList(MailingList.of(list, Preset.DISCUSSION, Locale.FRENCH, 1_000_000));
        }
    }

    private ArchiveEntry add(String list, Instant at, String subject) {
        byte[] message = ("Subject: " + subject + "\r\n\r\nBody of " + subject + "\r\n").getBytes(StandardCharsets.UTF_8);
        return archives.add(list, ArchiveStore.headers(at, "<" + subject.replace(' ', '-') + "@remote.test>", "", List.of(),
                "Bob <bob@remote.test>", subject, Optional.empty(), message.length), message);
    }

    @Test
    void aPostRoundTripsWithItsHeadersAndBytes() {
        byte[] message = "Subject: Réunion\r\n\r\nÀ lundi\r\n".getBytes(StandardCharsets.UTF_8);
        ArchiveEntry stored = archives.add(TEAM, ArchiveStore.headers(NOVEMBER, "<2@remote.test>", "<1@remote.test>",
                List.of("<0@remote.test>", "<1@remote.test>"), "Éloïse <eloise@remote.test>", "[team] Réunion",
                Optional.of(NOVEMBER.minusSeconds(60)), 0), message);

        assertThat(stored.id()).isNotBlank();
        assertThat(stored.list()).isEqualTo(TEAM);
        assertThat(stored.size()).isEqualTo(message.length);
        ArchivedPost found = archives.find(TEAM, stored.id()).orElseThrow();
        assertThat(found.entry()).isEqualTo(stored);
        assertThat(found.entry().references()).containsExactly("<0@remote.test>", "<1@remote.test>");
        assertThat(found.entry().sentAt()).contains(NOVEMBER.minusSeconds(60));
        assertThat(found.message()).isEqualTo(message);
    }

    @Test
    void aPostIsFoundOnlyOnItsOwnList() {
        ArchiveEntry post = add(TEAM, NOVEMBER, "Hello");
        assertThat(archives.find(OTHER, post.id())).isEmpty();
        assertThat(archives.remove(OTHER, post.id())).isFalse();
        assertThat(archives.find(TEAM, post.id())).isPresent();
    }

    @Test
    void monthsAndTheirPostsAreCountedInTheGivenZone() {
        ArchiveEntry lateOctober = add(TEAM, OCTOBER_END, "Late October");
        ArchiveEntry november = add(TEAM, NOVEMBER, "November");
        ArchiveEntry earlier = add(TEAM, NOVEMBER.minusSeconds(3600), "Earlier in November");
        add(OTHER, NOVEMBER, "Elsewhere");

        assertThat(archives.months(TEAM, ZoneOffset.UTC)).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        assertThat(archives.month(TEAM, YearMonth.of(2026, 11), ZoneOffset.UTC)).containsExactly(earlier, november);
        ZoneId paris = ZoneId.of("Europe/Paris"); // 23:30 UTC on 31 October is 00:30 on 1 November there
        assertThat(archives.months(TEAM, paris)).containsExactly(YearMonth.of(2026, 11));
        assertThat(archives.monthCounts(TEAM, ZoneOffset.UTC)).containsExactly(
                java.util.Map.entry(YearMonth.of(2026, 10), 1), java.util.Map.entry(YearMonth.of(2026, 11), 2));
        assertThat(archives.monthCounts(TEAM, paris)).containsExactly(java.util.Map.entry(YearMonth.of(2026, 11), 3));
        assertThat(archives.monthCounts("nobody@example.org", paris)).isEmpty();
        assertThat(archives.month(TEAM, YearMonth.of(2026, 11), paris)).containsExactly(lateOctober, earlier, november);
        assertThat(archives.month(TEAM, YearMonth.of(2026, 9), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aRemovedPostIsGone() {
        ArchiveEntry kept = add(TEAM, NOVEMBER, "Kept");
        ArchiveEntry removed = add(TEAM, NOVEMBER.plusSeconds(1), "Removed");

        assertThat(archives.remove(TEAM, removed.id())).isTrue();
        assertThat(archives.remove(TEAM, removed.id())).isFalse();
        assertThat(archives.find(TEAM, removed.id())).isEmpty();
        assertThat(archives.month(TEAM, YearMonth.of(2026, 11), ZoneOffset.UTC)).containsExactly(kept);
    }

    @Test
    void everyPostOfAListIsWalkedInOrder() throws Exception {
        for (int i = 0; i < 120; i++) { // more than the fetch size
            add(TEAM, NOVEMBER.plusSeconds(120 - i).minusMillis(i % 2 == 0 ? 0 : 500), "Post " + i);
        }
        add(OTHER, NOVEMBER, "Elsewhere");
        List<ArchivedPost> walked = new ArrayList<>();
        archives.each(TEAM, walked::add);

        assertThat(walked).hasSize(120);
        assertThat(walked).extracting(p -> p.entry().archivedAt()).isSorted();
        assertThat(walked.getFirst().entry().subject()).isEqualTo("Post 119");
        assertThat(new String(walked.getLast().message(), StandardCharsets.UTF_8)).contains("Body of Post 0");
        assertThat(archives.lists()).containsExactly(OTHER, TEAM);
        assertThat(archives.count()).isEqualTo(121);
    }

    @Test
    void whatTheVisitorThrowsStopsTheWalk() {
        add(TEAM, NOVEMBER, "One");
        add(TEAM, NOVEMBER.plusSeconds(1), "Two");
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> archives.each(TEAM, post -> {
            seen.add(post.entry().subject());
            throw new java.io.IOException("disk full");
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        assertThat(seen).containsExactly("One");
    }

    @Test
    void deletingAListForgetsItsArchive() {
        add(TEAM, NOVEMBER, "Gone with the list");
        add(OTHER, NOVEMBER, "Stays");
        store.deleteList(TEAM);
        assertThat(archives.lists()).containsExactly(OTHER);
        assertThat(archives.count()).isEqualTo(1);
    }
}
