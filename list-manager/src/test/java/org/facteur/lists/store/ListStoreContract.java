package org.facteur.lists.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.Copies;
import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.MemberToken;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SendPolicy;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ListStore} must do. Each implementation's test extends this and supplies a fresh, empty store. */
public abstract class ListStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z").truncatedTo(ChronoUnit.MILLIS);

    protected ListStore store;
    /** The database under {@link #store}, set by {@link #newStore()}. */
    protected DataSource dataSource;

    protected abstract ListStore newStore() throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    private MailingList team() {
        return MailingList.of("team@example.org", Preset.DISCUSSION, Locale.FRENCH, 1_000_000);
    }

    @Test
    void aListRoundTripsWithAllItsSettings() {
        MailingList list = team().withDescription("Le bureau").withFooter("Pied").withName("Équipe").withArchive(ArchiveAccess.PUBLIC);
        store.createList(list);
        assertThat(store.findList("team@example.org")).contains(list);
        assertThat(store.lists()).containsExactly(list);
    }

    @Test
    void aListKeepsItsDmarcMitigationAndNewListsRewrite() {
        store.createList(team());
        assertThat(store.findList("team@example.org").orElseThrow().dmarc()).isEqualTo(DmarcMitigation.DEFAULT);
        MailingList wrapping = team().withDmarc(new DmarcMitigation(DmarcMitigation.Mode.WRAP, DmarcMitigation.Poster.CC));
        store.updateList(wrapping);
        assertThat(store.findList("team@example.org")).contains(wrapping);
    }

    @Test
    void creatingAListTwiceIsAConflict() {
        store.createList(team());
        assertThatThrownBy(() -> store.createList(team())).isInstanceOf(ListStoreException.Conflict.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void updatingChangesPoliciesAndUnknownListsAreNotFound() {
        store.createList(team());
        MailingList changed = team().withPolicies(team().policies().withSend(SendPolicy.NEWSLETTER));
        store.updateList(changed);
        assertThat(store.findList(changed.address()).orElseThrow().policies().send()).isEqualTo(SendPolicy.NEWSLETTER);
        assertThatThrownBy(() -> store.updateList(MailingList.of("nope@example.org", Preset.DISCUSSION, Locale.ENGLISH, 10)))
                .isInstanceOf(ListStoreException.NotFound.class);
    }

    @Test
    void membersKeepTheirRolesAndReceptionAndCanBeReplaced() {
        store.createList(team());
        store.saveMember("team@example.org", new Member("Bob@Example.org", "Bob", Set.of(Role.SUBSCRIBER, Role.OWNER), ReceptionMode.NOT_ME));
        store.saveMember("team@example.org", Member.subscriber("carol@remote.test", ""));
        assertThat(store.findMember("team@example.org", "bob@example.org")).hasValueSatisfying(m -> {
            assertThat(m.roles()).containsExactlyInAnyOrder(Role.SUBSCRIBER, Role.OWNER);
            assertThat(m.reception()).isEqualTo(ReceptionMode.NOT_ME);
            assertThat(m.name()).isEqualTo("Bob");
        });
        store.saveMember("team@example.org", Member.subscriber("bob@example.org", "Robert"));
        assertThat(store.findMember("team@example.org", "bob@example.org").orElseThrow().roles()).containsExactly(Role.SUBSCRIBER);
        assertThat(store.members("team@example.org")).extracting(Member::address).containsExactly("bob@example.org", "carol@remote.test");
        assertThat(store.listsOf("carol@remote.test")).containsExactly("team@example.org");
        assertThat(store.removeMember("team@example.org", "carol@remote.test")).isTrue();
        assertThat(store.removeMember("team@example.org", "carol@remote.test")).isFalse();
    }

    @Test
    void aMemberOfAMissingListIsRefused() {
        assertThatThrownBy(() -> store.saveMember("ghost@example.org", Member.subscriber("a@b.org", "")))
                .isInstanceOf(ListStoreException.NotFound.class);
    }

    @Test
    void heldPostsKeepTheirBytesAndOnlyTheFirstDecisionWins() {
        store.createList(team());
        byte[] raw = "Subject: hi\r\n\r\nbody\u00e9\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.hold(HeldPost.pending("k1", "c1", "team@example.org", "x@remote.test", "hi", "hold.non-member", raw, NOW));
        assertThat(store.findHeld("k1").orElseThrow().message()).isEqualTo(raw);
        assertThat(store.findHeldByCancelKey("c1")).isPresent();
        assertThat(store.pendingPosts("team@example.org")).hasSize(1);

        assertThat(store.decide("k1", HeldPost.Status.DISTRIBUTED, "mod1@example.org", NOW)).isTrue();
        assertThat(store.decide("k1", HeldPost.Status.REJECTED, "mod2@example.org", NOW)).isFalse();
        HeldPost decided = store.findHeld("k1").orElseThrow();
        assertThat(decided.status()).isEqualTo(HeldPost.Status.DISTRIBUTED);
        assertThat(decided.decidedBy()).contains("mod1@example.org");
        assertThat(decided.decidedAt()).contains(NOW);
        assertThat(store.pendingPosts("team@example.org")).isEmpty();
    }

    @Test
    void concurrentDecisionsHaveExactlyOneWinner() throws Exception {
        store.createList(team());
        store.hold(HeldPost.pending("race", "c", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String moderator = "m" + i + "@example.org";
                attempts.add(pool.submit(() -> store.decide("race", HeldPost.Status.DISTRIBUTED, moderator, NOW)));
            }
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oldPendingPostsAreFoundForExpiry() {
        store.createList(team());
        store.hold(HeldPost.pending("old", "c-old", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW.minus(Duration.ofDays(40))));
        store.hold(HeldPost.pending("new", "c-new", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW));
        assertThat(store.pendingPostsHeldBefore(NOW.minus(Duration.ofDays(30)))).extracting(HeldPost::key).containsExactly("old");
    }

    @Test
    void pendingRequestsAreResolvedOnce() {
        store.createList(team());
        PendingRequest request = PendingRequest.pending("p1", PendingRequest.Kind.CONFIRM_SUBSCRIBE, "team@example.org",
                "new@remote.test", "New", "new@remote.test", NOW, NOW.plus(Duration.ofDays(7)));
        store.savePending(request);
        assertThat(store.findPending("p1")).contains(request);
        assertThat(store.findOpenPending("team@example.org", "new@remote.test", PendingRequest.Kind.CONFIRM_SUBSCRIBE, NOW)).isPresent();
        assertThat(store.findOpenPending("team@example.org", "new@remote.test", PendingRequest.Kind.CONFIRM_SUBSCRIBE,
                NOW.plus(Duration.ofDays(8)))).isEmpty();
        assertThat(store.resolve("p1", PendingRequest.Status.DONE, "new@remote.test")).isTrue();
        assertThat(store.resolve("p1", PendingRequest.Status.DONE, "new@remote.test")).isFalse();
        assertThat(store.findPending("p1").orElseThrow().decidedBy()).contains("new@remote.test");
        assertThat(store.findOpenPending("team@example.org", "new@remote.test", PendingRequest.Kind.CONFIRM_SUBSCRIBE, NOW)).isEmpty();
    }

    @Test
    void openPendingRequestsAreTheListsPendingUnexpiredOnesOldestFirst() {
        store.createList(team());
        store.createList(MailingList.of("board@example.org", Preset.DISCUSSION, Locale.ENGLISH, 10));
        PendingRequest later = PendingRequest.pending("p2", PendingRequest.Kind.APPROVE_SUBSCRIBE, "team@example.org",
                "b@remote.test", "B", "", NOW.plusSeconds(60), NOW.plus(Duration.ofDays(7)));
        PendingRequest first = PendingRequest.pending("p1", PendingRequest.Kind.APPROVE_UNSUBSCRIBE, "team@example.org",
                "a@remote.test", "", "", NOW, NOW.plus(Duration.ofDays(7)));
        PendingRequest expiring = PendingRequest.pending("p3", PendingRequest.Kind.CONFIRM_SUBSCRIBE, "team@example.org",
                "c@remote.test", "", "c@remote.test", NOW, NOW.plus(Duration.ofDays(1)));
        PendingRequest elsewhere = PendingRequest.pending("p4", PendingRequest.Kind.APPROVE_SUBSCRIBE, "board@example.org",
                "d@remote.test", "", "", NOW, NOW.plus(Duration.ofDays(7)));
        for (PendingRequest request : List.of(later, first, expiring, elsewhere)) {
            store.savePending(request);
        }
        assertThat(store.openPending("team@example.org", NOW)).containsExactly(first, expiring, later);
        assertThat(store.openPending("team@example.org", NOW.plus(Duration.ofDays(2)))).containsExactly(first, later);
        store.resolve("p1", PendingRequest.Status.REJECTED, "alice@example.org");
        assertThat(store.openPending("team@example.org", NOW)).containsExactly(expiring, later);
        assertThat(store.openPending("nothing@example.org", NOW)).isEmpty();
    }

    @Test
    void aMessageIdIsSeenOncePerList() {
        store.createList(team());
        store.createList(MailingList.of("board@example.org", Preset.DISCUSSION, Locale.ENGLISH, 10));
        String id = "<" + "x".repeat(900) + "@remote.test>";
        assertThat(store.firstSighting("team@example.org", id, NOW)).isTrue();
        assertThat(store.firstSighting("team@example.org", id, NOW)).isFalse();
        assertThat(store.firstSighting("board@example.org", id, NOW)).isTrue();
    }

    @Test
    void purgeForgetsOldRecordsButKeepsPendingPosts() {
        store.createList(team());
        store.hold(HeldPost.pending("pending", "c1", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW.minus(Duration.ofDays(90))));
        store.hold(HeldPost.pending("decided", "c2", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW.minus(Duration.ofDays(90))));
        store.decide("decided", HeldPost.Status.REJECTED, "m@example.org", NOW.minus(Duration.ofDays(80)));
        store.firstSighting("team@example.org", "<old@x>", NOW.minus(Duration.ofDays(80)));
        store.purge(NOW.minus(Duration.ofDays(60)));
        assertThat(store.findHeld("pending")).isPresent();
        assertThat(store.findHeld("decided")).isEmpty();
        assertThat(store.firstSighting("team@example.org", "<old@x>", NOW)).isTrue();
    }

    @Test
    void deletingAListRemovesEverythingOfIt() {
        store.createList(team());
        store.saveMember("team@example.org", Member.subscriber("a@b.org", ""));
        store.hold(HeldPost.pending("k", "c", "team@example.org", "x@remote.test", "s", "r", new byte[] {1}, NOW));
        assertThat(store.deleteList("team@example.org")).isTrue();
        assertThat(store.findList("team@example.org")).isEmpty();
        assertThat(store.findHeld("k")).isEmpty();
        assertThat(store.listsOf("a@b.org")).isEmpty();
        assertThat(store.deleteList("team@example.org")).isFalse();
    }

    @Test
    void aQuotaCountsUpToItsLimitPerWindowAndReportsTheFirstRefusalOnce() {
        Duration hour = Duration.ofHours(1);
        for (int i = 0; i < 3; i++) {
            assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plusSeconds(i))).isEqualTo(QuotaCharge.ACCEPTED);
        }
        assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plusSeconds(10))).isEqualTo(QuotaCharge.FIRST_REFUSAL);
        assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plusSeconds(11))).isEqualTo(QuotaCharge.REFUSED);
        // Another kind and another address have their own count.
        assertThat(store.charge("reply", "v@remote.test", 3, hour, NOW)).isEqualTo(QuotaCharge.ACCEPTED);
        assertThat(store.charge("confirmation", "w@remote.test", 3, hour, NOW)).isEqualTo(QuotaCharge.ACCEPTED);
        // The window opened with the first mail; an hour later a new one opens, with its own first refusal.
        assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plus(hour).minusMillis(1))).isEqualTo(QuotaCharge.REFUSED);
        for (int i = 0; i < 3; i++) {
            assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plus(hour).plusSeconds(i))).isEqualTo(QuotaCharge.ACCEPTED);
        }
        assertThat(store.charge("confirmation", "v@remote.test", 3, hour, NOW.plus(hour).plusSeconds(5))).isEqualTo(QuotaCharge.FIRST_REFUSAL);
    }

    @Test
    void concurrentChargesNeverCountPastTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<QuotaCharge>> charges = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                charges.add(pool.submit(() -> store.charge("confirmation", "race@remote.test", 5, Duration.ofHours(1), NOW)));
            }
            List<QuotaCharge> results = new java.util.ArrayList<>();
            for (Future<QuotaCharge> charge : charges) {
                results.add(charge.get());
            }
            assertThat(results).filteredOn(c -> c == QuotaCharge.ACCEPTED).hasSize(5);
            assertThat(results).filteredOn(c -> c == QuotaCharge.FIRST_REFUSAL).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeForgetsOldQuotaWindows() {
        store.charge("reply", "v@remote.test", 1, Duration.ofHours(1), NOW.minus(Duration.ofDays(80)));
        assertThat(store.charge("reply", "v@remote.test", 1, Duration.ofDays(365), NOW)).isEqualTo(QuotaCharge.FIRST_REFUSAL);
        store.purge(NOW.minus(Duration.ofDays(60)));
        assertThat(store.charge("reply", "v@remote.test", 1, Duration.ofDays(365), NOW)).isEqualTo(QuotaCharge.ACCEPTED);
    }

    @Test
    void theCopiesSettingRoundTripsAndDefaultsToPersonal() {
        store.createList(team());
        assertThat(store.findList("team@example.org").orElseThrow().copies()).isEqualTo(Copies.PERSONAL);
        store.updateList(team().withCopies(Copies.BATCHED));
        assertThat(store.findList("team@example.org").orElseThrow().copies()).isEqualTo(Copies.BATCHED);
    }

    @Test
    void eachMembershipHasItsOwnTokenThatNamesOnlyIt() {
        store.createList(team());
        store.createList(MailingList.of("other@example.org", Preset.DISCUSSION, Locale.FRENCH, 1_000_000));
        store.saveMember("team@example.org", Member.subscriber("ann@example.org", "Ann"));
        store.saveMember("team@example.org", Member.subscriber("bob@example.org", ""));
        store.saveMember("other@example.org", Member.subscriber("ann@example.org", ""));

        var team = store.memberTokens("team@example.org");
        var other = store.memberTokens("other@example.org");
        assertThat(team).containsOnlyKeys("ann@example.org", "bob@example.org");
        assertThat(team.values()).allMatch(MemberToken::isWellFormed).doesNotHaveDuplicates();
        assertThat(other.get("ann@example.org")).isNotEqualTo(team.get("ann@example.org"));
        assertThat(store.memberTokens("team@example.org")).isEqualTo(team);

        assertThat(store.findByToken(team.get("ann@example.org"))).contains(
                new Membership("team@example.org", Member.subscriber("ann@example.org", "Ann")));
        assertThat(store.findByToken(other.get("ann@example.org")).orElseThrow().list()).isEqualTo("other@example.org");
        assertThat(store.findByToken(MemberToken.random())).isEmpty();
    }

    @Test
    void aTokenSurvivesChangesToItsMemberAndDiesWithTheMembership() {
        store.createList(team());
        store.saveMember("team@example.org", Member.subscriber("ann@example.org", ""));
        String token = store.memberTokens("team@example.org").get("ann@example.org");
        store.saveMember("team@example.org", Member.subscriber("ann@example.org", "Ann").withRole(Role.OWNER));
        assertThat(store.memberTokens("team@example.org")).containsEntry("ann@example.org", token);

        store.removeMember("team@example.org", "ann@example.org");
        assertThat(store.findByToken(token)).isEmpty();
        store.saveMember("team@example.org", Member.subscriber("ann@example.org", ""));
        assertThat(store.memberTokens("team@example.org").get("ann@example.org")).isNotEqualTo(token);
    }

    @Test
    void membersStoredBeforeTokensExistedGetOneOnce() throws Exception {
        store.createList(team());
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO fl_member (list, address, name, roles, reception) VALUES"
                    + " ('team@example.org', 'old@example.org', '', 'SUBSCRIBER', 'MAIL')");
        }
        String token = store.memberTokens("team@example.org").get("old@example.org");
        assertThat(MemberToken.isWellFormed(token)).isTrue();
        assertThat(store.memberTokens("team@example.org")).containsEntry("old@example.org", token);
        assertThat(store.findByToken(token).orElseThrow().member().address()).isEqualTo("old@example.org");
    }

    // --- digests ---

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> texts(DigestIssue issue) {
        return issue.posts().stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void digestPostsAreTakenOnceInOrderAndNumbered() {
        store.createList(team());
        DigestStore digests = store.digests();
        digests.keep("team@example.org", bytes("second"), NOW.plusSeconds(2));
        digests.keep("team@example.org", bytes("first"), NOW.plusSeconds(1));
        digests.keep("other@example.org", bytes("elsewhere"), NOW);
        assertThat(digests.queues()).containsExactly(new DigestQueue("other@example.org", 1, NOW),
                new DigestQueue("team@example.org", 2, NOW.plusSeconds(1)));

        List<DigestIssue> seen = new java.util.ArrayList<>();
        DigestIssue first = digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, seen::add).orElseThrow();
        assertThat(seen).containsExactly(first);
        assertThat(first.volume()).isEqualTo(1);
        assertThat(first.issue()).isEqualTo(1);
        assertThat(texts(first)).containsExactly("first", "second");
        assertThat(digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, seen::add)).isEmpty();
        assertThat(seen).hasSize(1);
        assertThat(digests.queues()).extracting(DigestQueue::list).containsExactly("other@example.org");

        digests.keep("team@example.org", bytes("third"), NOW.plusSeconds(3));
        assertThat(digests.takeIssue("team@example.org", NOW.plusSeconds(60), java.time.ZoneOffset.UTC, seen::add).orElseThrow().issue())
                .isEqualTo(2);
        digests.keep("team@example.org", bytes("next year"), NOW.plus(Duration.ofDays(60)));
        DigestIssue newYear = digests.takeIssue("team@example.org", NOW.plus(Duration.ofDays(60)), java.time.ZoneOffset.UTC, seen::add)
                .orElseThrow();
        assertThat(List.of(newYear.volume(), newYear.issue())).containsExactly(2, 1);
    }

    @Test
    void aDigestThatCannotBeSentLeavesItsPostsAndItsNumber() {
        store.createList(team());
        DigestStore digests = store.digests();
        digests.keep("team@example.org", bytes("kept"), NOW);
        assertThatThrownBy(() -> digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, issue -> {
            throw new java.io.IOException("spool full");
        })).hasMessage("The digest of team@example.org was not sent; its posts wait for the next one: spool full");
        assertThat(digests.queues()).containsExactly(new DigestQueue("team@example.org", 1, NOW));
        DigestIssue issue = digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, i -> { }).orElseThrow();
        assertThat(texts(issue)).containsExactly("kept");
        assertThat(issue.issue()).isEqualTo(1);
    }

    @Test
    void twoTakersAtOnceNeverShareAPost() throws Exception {
        store.createList(team());
        DigestStore digests = store.digests();
        for (int i = 0; i < 3; i++) {
            digests.keep("team@example.org", bytes("post " + i), NOW.plusSeconds(i));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Future<java.util.Optional<DigestIssue>>> second = new java.util.ArrayList<>();
            DigestIssue first = digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, issue -> {
                // another taker arrives while this one holds the posts, before it commits
                second.add(pool.submit(() -> digests.takeIssue("team@example.org", NOW, java.time.ZoneOffset.UTC, i -> { })));
                Thread.sleep(300);
            }).orElseThrow();
            assertThat(first.posts()).hasSize(3);
            assertThat(second.get(0).get()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static final BounceScore ONE = new BounceScore(1, Optional.of(LocalDate.of(2026, 11, 22)));
    private static final BounceScore TWO = new BounceScore(2, Optional.of(LocalDate.of(2026, 11, 23)));

    private void ann(ReceptionMode mode) {
        store.createList(team());
        store.saveMember("team@example.org", Member.subscriber("ann@example.org", "").withReception(mode));
    }

    @Test
    void aBounceScoreIsCountedOnlyFromTheScoreExpected() {
        ann(ReceptionMode.MAIL);
        assertThat(store.bounces("team@example.org", "ann@example.org")).contains(MemberBounces.NONE);
        assertThat(store.bounces("team@example.org", "nobody@example.org")).isEmpty();

        assertThat(store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "550 5.1.1 no such user",
                Optional.empty())).isEqualTo(BounceCount.COUNTED);
        assertThat(store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "again", Optional.empty()))
                .isEqualTo(BounceCount.CONFLICT);
        assertThat(store.bounces("team@example.org", "ann@example.org"))
                .contains(new MemberBounces(ONE, "550 5.1.1 no such user", Optional.empty()));
        assertThat(store.findMember("team@example.org", "ann@example.org").orElseThrow().reception()).isEqualTo(ReceptionMode.MAIL);
    }

    @Test
    void suspensionKeepsTheReceptionModeToGiveBackAndHappensOnce() {
        ann(ReceptionMode.NOT_ME);
        assertThat(store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "x", Optional.of(NOW)))
                .isEqualTo(BounceCount.SUSPENDED);
        assertThat(store.countBounce("team@example.org", "ann@example.org", ONE, TWO, "y", Optional.of(NOW.plusSeconds(60))))
                .isEqualTo(BounceCount.COUNTED);
        assertThat(store.findMember("team@example.org", "ann@example.org").orElseThrow().reception()).isEqualTo(ReceptionMode.NOMAIL);
        assertThat(store.bounces("team@example.org", "ann@example.org").orElseThrow().suspension())
                .contains(new MemberBounces.Suspension(ReceptionMode.NOT_ME, NOW, Optional.empty()));
        assertThat(store.suspendedMembers()).extracting(m -> m.member().address()).containsExactly("ann@example.org");

        assertThat(store.resume("team@example.org", "ann@example.org")).isTrue();
        assertThat(store.resume("team@example.org", "ann@example.org")).isFalse();
        assertThat(store.findMember("team@example.org", "ann@example.org").orElseThrow().reception()).isEqualTo(ReceptionMode.NOT_ME);
        assertThat(store.bounces("team@example.org", "ann@example.org")).contains(MemberBounces.NONE);
        assertThat(store.suspendedMembers()).isEmpty();
    }

    @Test
    void aMemberWhoReceivesNothingIsCountedButNotSuspended() {
        ann(ReceptionMode.NOMAIL);
        assertThat(store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "x", Optional.of(NOW)))
                .isEqualTo(BounceCount.COUNTED);
        assertThat(store.suspendedMembers()).isEmpty();
    }

    @Test
    void aProbeStartsOnceAndItsTokenNamesTheMemberUntilTheSuspensionEnds() {
        ann(ReceptionMode.MAIL);
        assertThat(store.startProbe("team@example.org", "ann@example.org", NOW)).isEmpty(); // not suspended
        store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "x", Optional.of(NOW));
        String token = store.startProbe("team@example.org", "ann@example.org", NOW.plusSeconds(5)).orElseThrow();
        assertThat(MemberToken.isWellFormed(token)).isTrue();
        assertThat(token).isNotEqualTo(store.memberTokens("team@example.org").get("ann@example.org"));
        assertThat(store.startProbe("team@example.org", "ann@example.org", NOW.plusSeconds(6))).isEmpty();
        assertThat(store.bounces("team@example.org", "ann@example.org").orElseThrow().suspension().orElseThrow().probedAt())
                .contains(NOW.plusSeconds(5));
        assertThat(store.findByProbeToken(token)).contains(new Membership("team@example.org",
                Member.subscriber("ann@example.org", "").withReception(ReceptionMode.NOMAIL)));
        assertThat(store.findByToken(token)).isEmpty();

        store.clearBounces("team@example.org", "ann@example.org");
        assertThat(store.findByProbeToken(token)).isEmpty();
        assertThat(store.bounces("team@example.org", "ann@example.org")).contains(MemberBounces.NONE);
    }

    @Test
    void bouncingMembersAreThoseWithPointsOrASuspensionSortedByAddress() {
        ann(ReceptionMode.MAIL);
        store.saveMember("team@example.org", Member.subscriber("bob@example.org", ""));
        store.saveMember("team@example.org", Member.subscriber("zoe@example.org", ""));
        assertThat(store.bouncingMembers("team@example.org")).isEmpty();
        store.countBounce("team@example.org", "zoe@example.org", BounceScore.NONE, ONE, "550 5.1.1 gone", Optional.empty());
        store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "550 5.2.1 disabled", Optional.of(NOW));
        assertThat(store.bouncingMembers("team@example.org")).containsExactly(
                new BouncingMember("ann@example.org", new MemberBounces(ONE, "550 5.2.1 disabled",
                        Optional.of(new MemberBounces.Suspension(ReceptionMode.MAIL, NOW, Optional.empty())))),
                new BouncingMember("zoe@example.org", new MemberBounces(ONE, "550 5.1.1 gone", Optional.empty())));
        assertThat(store.bouncingMembers("other@example.org")).isEmpty();
        store.clearBounces("team@example.org", "zoe@example.org");
        assertThat(store.bouncingMembers("team@example.org")).extracting(BouncingMember::address).containsExactly("ann@example.org");
    }

    @Test
    void aWeeksBounceSummaryIsClaimedOnceAndOnlyForwards() {
        store.createList(team());
        LocalDate monday = LocalDate.of(2026, 11, 30);
        assertThat(store.claimBounceSummary("team@example.org", monday)).isTrue();
        assertThat(store.claimBounceSummary("team@example.org", monday)).isFalse();
        assertThat(store.claimBounceSummary("team@example.org", monday.minusWeeks(1))).isFalse();
        assertThat(store.claimBounceSummary("team@example.org", monday.plusWeeks(1))).isTrue();
        store.deleteList("team@example.org");
        store.createList(team());
        assertThat(store.claimBounceSummary("team@example.org", monday)).isTrue(); // a new list of the same name starts afresh
    }

    @Test
    void concurrentBouncesOfOneDayCountOnceAndSuspendOnce() throws Exception {
        ann(ReceptionMode.MAIL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BounceCount>> counts = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                counts.add(pool.submit(() -> store.countBounce("team@example.org", "ann@example.org", BounceScore.NONE, ONE, "x",
                        Optional.of(NOW))));
            }
            List<BounceCount> results = new java.util.ArrayList<>();
            for (Future<BounceCount> count : counts) {
                results.add(count.get());
            }
            assertThat(results).filteredOn(c -> c != BounceCount.CONFLICT).containsExactly(BounceCount.SUSPENDED);
            assertThat(store.bounces("team@example.org", "ann@example.org").orElseThrow().score()).isEqualTo(ONE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingAListForgetsItsDigestPosts() {
        store.createList(team());
        store.digests().keep("team@example.org", bytes("x"), NOW);
        store.deleteList("team@example.org");
        assertThat(store.digests().queues()).isEmpty();
    }
}
