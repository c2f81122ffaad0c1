package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;
import static org.facteur.lists.testing.Mails.to;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facteur.lists.bounce.BounceKind;
import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.BounceSettings;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.Decision;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.Dsns;
import org.facteur.lists.testing.MutableClock;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounces to members' VERP addresses, end to end through {@link ListService} on the real SQLite store, day by day. */
class BouncesTest {
    private static final String TEAM = "team@example.org";
    private static final String OWNER = "alice@example.org";
    private static final String CAROL = "carol@remote.test";
    private static final String BOB = "bob@example.org";

    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private final TestLists fixture = TestLists.start(new ListActivity() {
        @Override
        public void postDecided(String list, Decision decision, int recipients) {
        }

        @Override
        public void bounced(String list, BounceKind kind) {
            events.add("bounced " + kind);
        }

        @Override
        public void suspended(String list) {
            events.add("suspended");
        }

        @Override
        public void resumedAfterProbe(String list) {
            events.add("resumed");
        }

        @Override
        public void removedForBounces(String list) {
            events.add("removed");
        }
    });
    private final MutableClock clock = fixture.clock();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().addMember(TEAM, CAROL, "", Role.SUBSCRIBER);
        lists.admin().addMember(TEAM, BOB, "", Role.SUBSCRIBER);
    }

    private String verp(String member) {
        return "team-owner+" + store.memberTokens(TEAM).get(member) + "@example.org";
    }

    private List<OutgoingMail> hardBounce(String verp) {
        return lists.handle(Dsns.failed(verp, CAROL, "5.1.1", "550 5.1.1 <carol@remote.test>: Recipient address rejected: User unknown"));
    }

    private int score(String member) {
        return store.bounces(TEAM, member).orElseThrow().score().points();
    }

    private List<String> recipientsOfAPost() {
        return lists.handle(incoming(BOB, TEAM, "News", "Hello")).stream().flatMap(m -> m.recipients().stream()).toList();
    }

    private List<OutgoingMail> suspendCarol() {
        List<OutgoingMail> out = List.of();
        for (int day = 0; day < 5; day++) {
            out = hardBounce(verp(CAROL));
            clock.advance(Duration.ofDays(1));
        }
        return out;
    }

    @Test
    void hardBouncesOnFiveDaysSuspendTheMemberWhoIsToldHowToResumeAndTheOwnersAreTold() {
        assertThat(hardBounce(verp(CAROL))).isEmpty();
        assertThat(hardBounce(verp(CAROL))).isEmpty(); // the same day: one bad day, one point
        assertThat(score(CAROL)).isEqualTo(1);
        for (int day = 2; day <= 4; day++) {
            clock.advance(Duration.ofDays(1));
            assertThat(hardBounce(verp(CAROL))).isEmpty();
            assertThat(score(CAROL)).isEqualTo(day);
        }
        assertThat(recipientsOfAPost()).contains(CAROL);

        clock.advance(Duration.ofDays(1));
        List<OutgoingMail> told = hardBounce(verp(CAROL));
        assertThat(told).hasSize(2);
        OutgoingMail toCarol = to(told, CAROL).get(0);
        assertThat(subject(toCarol)).isEqualTo("[team] Delivery suspended: your address bounces");
        assertThat(text(toCarol)).contains("SET team MAIL").contains("team-request@example.org")
                .contains("550 5.1.1 <carol@remote.test>: Recipient address rejected: User unknown").contains("3 December 2026");
        OutgoingMail toOwner = to(told, OWNER).get(0);
        assertThat(subject(toOwner)).isEqualTo("[team] Delivery to carol@remote.test suspended (bounces)");
        assertThat(text(toOwner)).contains("5 days with a hard bounce").contains("Last failure: 5.1.1 smtp; 550 5.1.1 <carol@remote.test>");

        assertThat(store.findMember(TEAM, CAROL).orElseThrow().reception()).isEqualTo(ReceptionMode.NOMAIL);
        assertThat(store.bounces(TEAM, CAROL).orElseThrow().suspension().orElseThrow().resumeTo()).isEqualTo(ReceptionMode.MAIL);
        assertThat(recipientsOfAPost()).containsExactly(BOB);
        assertThat(hardBounce(verp(CAROL))).isEmpty(); // a late bounce of an earlier copy: no second notice
        assertThat(events).contains("suspended").filteredOn("suspended"::equals).hasSize(1);
        assertThat(score(BOB)).isZero();
    }

    @Test
    void delaysGivenUpTransientFailuresPolicyRefusalsAndFullMailboxesChangeNothingAndReachNobody() {
        for (int day = 0; day < 6; day++) {
            assertThat(lists.handle(Dsns.delayed(verp(CAROL), CAROL))).isEmpty();
            assertThat(lists.handle(Dsns.failed(verp(CAROL), CAROL, "4.4.7", "451 4.4.7 delivery time expired"))).isEmpty();
            assertThat(lists.handle(Dsns.failed(verp(CAROL), CAROL, "5.7.1", "550 5.7.1 Message rejected as spam"))).isEmpty();
            assertThat(lists.handle(Dsns.failed(verp(CAROL), CAROL, "5.2.2", "552 5.2.2 Mailbox full"))).isEmpty();
            clock.advance(Duration.ofDays(1));
        }
        assertThat(store.bounces(TEAM, CAROL)).contains(MemberBounces.NONE);
        assertThat(recipientsOfAPost()).contains(CAROL);
        assertThat(events).contains("bounced TRANSIENT", "bounced POLICY", "bounced OTHER_PERMANENT").doesNotContain("bounced HARD");
    }

    @Test
    void theTokenNamesTheMemberNotTheAddressesInTheBounce() {
        lists.handle(Dsns.failed(verp(CAROL), BOB, "5.1.1", "550 5.1.1 <bob@example.org>: User unknown"));
        assertThat(score(CAROL)).isEqualTo(1);
        assertThat(score(BOB)).isZero();
    }

    @Test
    void mailToAVerpAddressThatIsNoBounceStillReachesTheOwners() {
        List<OutgoingMail> out = lists.handle(incoming(CAROL, verp(CAROL), "Re: [team] News", "Thanks, I will be there."));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).recipients()).containsExactly(OWNER);
        assertThat(store.bounces(TEAM, CAROL)).contains(MemberBounces.NONE);
    }

    @Test
    void aScoreWithoutAHardBounceForAWeekStartsAgain() {
        hardBounce(verp(CAROL));
        clock.advance(Duration.ofDays(1));
        hardBounce(verp(CAROL));
        clock.advance(Duration.ofDays(8));
        hardBounce(verp(CAROL));
        assertThat(score(CAROL)).isEqualTo(1);
    }

    @Test
    void aProbeThatDoesNotBounceGivesTheMemberBackTheirMode() {
        lists.handle(incoming(CAROL, "team-request@example.org", "", "SET team NOT_ME"));
        suspendCarol(); // suspended on day 5, 2026-11-26; now 2026-11-27
        assertThat(lists.probeSuspendedMembers()).isEmpty();
        clock.advance(Duration.ofDays(6));
        List<OutgoingMail> probes = lists.probeSuspendedMembers();
        assertThat(probes).hasSize(1);
        OutgoingMail probe = probes.get(0);
        assertThat(probe.recipients()).containsExactly(CAROL);
        assertThat(probe.envelopeSender()).matches("team-owner\\+[a-z2-7]{26}@example\\.org").isNotEqualTo(verp(CAROL));
        assertThat(lists.resolve(probe.envelopeSender()).orElseThrow().kind()).isEqualTo(ListTarget.Kind.BOUNCE);
        assertThat(subject(probe)).isEqualTo("[team] Test message: does your address work?");
        assertThat(lists.probeSuspendedMembers()).isEmpty(); // one probe

        clock.advance(Duration.ofDays(3));
        List<OutgoingMail> resumed = lists.probeSuspendedMembers();
        assertThat(resumed).extracting(m -> m.recipients().get(0)).containsExactlyInAnyOrder(CAROL, OWNER);
        assertThat(subject(to(resumed, OWNER).get(0))).isEqualTo("[team] Delivery to carol@remote.test resumed");
        assertThat(store.findMember(TEAM, CAROL).orElseThrow().reception()).isEqualTo(ReceptionMode.NOT_ME);
        assertThat(store.bounces(TEAM, CAROL)).contains(MemberBounces.NONE);
        assertThat(recipientsOfAPost()).contains(CAROL);
        assertThat(lists.handle(Dsns.failed(probe.envelopeSender(), CAROL, "5.1.1", "550 5.1.1 late"))).isEmpty();
        assertThat(store.findMember(TEAM, CAROL)).isPresent();
        assertThat(events).contains("resumed");
    }

    @Test
    void aProbeThatBouncesRemovesTheMemberAndTellsTheOwners() {
        suspendCarol();
        OutgoingMail probe = lists.probeNow(TEAM).get(0); // the admin's probe does not wait
        List<OutgoingMail> removed = lists.handle(Dsns.failed(probe.envelopeSender(), CAROL, "5.1.1", "550 5.1.1 User unknown"));
        assertThat(removed).extracting(m -> m.recipients().get(0)).containsExactlyInAnyOrder(CAROL, OWNER);
        assertThat(subject(to(removed, OWNER).get(0))).isEqualTo("[team] carol@remote.test removed (bounces)");
        assertThat(text(to(removed, OWNER).get(0))).contains("550 5.1.1 User unknown");
        assertThat(store.findMember(TEAM, CAROL)).isEmpty();
        assertThat(lists.handle(Dsns.failed(probe.envelopeSender(), CAROL, "5.1.1", "550 5.1.1 User unknown"))).isEmpty();
        assertThat(events).containsOnlyOnce("removed");
    }

    @Test
    void aProbeRefusedAsSpamDoesNotRemoveTheMember() {
        suspendCarol();
        OutgoingMail probe = lists.probeNow(TEAM).get(0);
        assertThat(lists.handle(Dsns.failed(probe.envelopeSender(), CAROL, "5.7.1", "550 5.7.1 spam"))).isEmpty();
        clock.advance(Duration.ofDays(3));
        lists.probeSuspendedMembers();
        assertThat(store.findMember(TEAM, CAROL).orElseThrow().reception()).isEqualTo(ReceptionMode.MAIL);
    }

    @Test
    void anOwnerSuspendedForBouncesWhoseProbeBouncesStaysOwner() {
        lists.admin().addMember(TEAM, OWNER, "", Role.SUBSCRIBER);
        for (int day = 0; day < 5; day++) {
            lists.handle(Dsns.failed(verp(OWNER), OWNER, "5.1.1", "550 5.1.1 gone"));
            clock.advance(Duration.ofDays(1));
        }
        OutgoingMail probe = lists.probeNow(TEAM).get(0);
        lists.handle(Dsns.failed(probe.envelopeSender(), OWNER, "5.1.1", "550 5.1.1 gone"));
        assertThat(store.findMember(TEAM, OWNER).orElseThrow().roles()).containsExactly(Role.OWNER);
        assertThat(store.bounces(TEAM, OWNER)).contains(MemberBounces.NONE);
    }

    @Test
    void setMailEndsTheSuspensionAndTheScore() {
        suspendCarol();
        List<OutgoingMail> reply = lists.handle(incoming(CAROL, "team-request@example.org", "", "SET team MAIL"));
        assertThat(text(reply.get(0))).contains("is now MAIL");
        assertThat(store.bounces(TEAM, CAROL)).contains(MemberBounces.NONE);
        assertThat(recipientsOfAPost()).contains(CAROL);
        assertThat(lists.probeNow(TEAM)).isEmpty();
    }

    @Test
    void concurrentBouncesOfOneDayCountOnceAndSuspendOnce() throws Exception {
        ListService strict = new ListService(store, new ListSettings("lists", Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofSeconds(5), 100, RobotLimits.DEFAULTS, Optional.empty(),
                new BounceSettings(new BounceScore.Policy(1, 7), Duration.ofDays(7), Duration.ofDays(3))), 100_000, clock);
        String verp = verp(CAROL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<OutgoingMail>>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> strict.handle(Dsns.failed(verp, CAROL, "5.1.1", "550 5.1.1 unknown"))));
            }
            List<OutgoingMail> told = new ArrayList<>();
            for (Future<List<OutgoingMail>> result : results) {
                told.addAll(result.get());
            }
            assertThat(told).extracting(m -> m.recipients().get(0)).containsExactlyInAnyOrder(CAROL, OWNER);
            assertThat(score(CAROL)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ownersGetAWeeklySummaryOfBouncingMembersOnMondaysFromTheDigestTimeOnce() {
        assertThat(lists.sendDueBounceSummaries()).isEmpty(); // nobody bounces: no mail, and the week is not taken
        hardBounce(verp(CAROL)); // Sunday 22 November 2026, 10:00 UTC
        List<OutgoingMail> summary = lists.sendDueBounceSummaries(); // this week's (from Monday 16th) was not sent yet
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).recipients()).containsExactly(OWNER);
        assertThat(subject(summary.get(0))).isEqualTo("[team] Weekly bounce summary: one member");
        assertThat(text(summary.get(0))).contains("Mail to these members of team@example.org bounced:",
                "- carol@remote.test: 1 of 5 points, last failure on 22 November 2026: smtp; 550 5.1.1 <carol@remote.test>: "
                        + "Recipient address rejected: User unknown", "./facteur admin list probe team@example.org")
                .doesNotContain(BOB).doesNotContain("suspended since");
        assertThat(lists.sendDueBounceSummaries()).isEmpty();

        clock.advance(Duration.ofHours(20)); // Monday 06:00, before the digests' time (07:00)
        assertThat(lists.sendDueBounceSummaries()).isEmpty();
        clock.advance(Duration.ofHours(1)); // Monday 07:00
        assertThat(lists.sendDueBounceSummaries()).hasSize(1);
        assertThat(lists.sendDueBounceSummaries()).isEmpty();
    }

    @Test
    void theSummaryTellsWhereASuspensionStandsInTheListsLanguage() {
        suspendCarol(); // suspended on Thursday 26 November, 10:00 UTC; now Friday 27th
        clock.advance(Duration.ofDays(3)); // Monday 30 November, 10:00
        List<OutgoingMail> summary = lists.sendDueBounceSummaries();
        assertThat(text(summary.get(0))).contains("- carol@remote.test: 5 of 5 points, last failure on 26 November 2026",
                "  Delivery suspended since 26 November 2026 at 10:00 (UTC); the probe has not left yet.");
        lists.probeNow(TEAM);
        clock.advance(Duration.ofDays(7));
        assertThat(text(lists.sendDueBounceSummaries().get(0))).contains("probe sent on 30 November 2026 at 10:00 (UTC).");

        lists.admin().create("equipe@example.org", Preset.DISCUSSION, Locale.FRENCH, OWNER, false, List.of());
        lists.admin().addMember("equipe@example.org", CAROL, "", Role.SUBSCRIBER);
        String verp = "equipe-owner+" + store.memberTokens("equipe@example.org").get(CAROL) + "@example.org";
        lists.handle(Dsns.failed(verp, CAROL, "5.1.1", "550 5.1.1 inconnu"));
        List<OutgoingMail> french = lists.sendDueBounceSummaries().stream()
                .filter(m -> subject(m).startsWith("[equipe]")).toList();
        assertThat(subject(french.get(0))).isEqualTo("[equipe] Rejets de la semaine : un abonné");
        assertThat(text(french.get(0))).contains("- carol@remote.test : 1 points sur 5, dernier rejet le 7 décembre 2026 : smtp; 550 5.1.1 inconnu",
                "retire l'abonné");
    }
}
