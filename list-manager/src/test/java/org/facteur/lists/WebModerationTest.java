package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;
import static org.facteur.lists.testing.Mails.to;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.ModerationDecision.Outcome;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held posts decided outside mail (the webmail's Approve and Reject): who sees which posts, and the first decision
 * wins whether it came by mail or not, with the same copies and notices as {@code DISTRIBUTE}/{@code REJECT}.
 */
class WebModerationTest {
    private static final String TEAM = "team@example.org";
    private static final String OTHER = "other@example.org";
    private static final String OWNER = "alice@example.org";
    private static final String MOD = "mod1@example.org";

    private final TestLists fixture = TestLists.start();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of(MOD, "mod2@remote.test"));
        lists.admin().create(OTHER, Preset.DISCUSSION, Locale.ENGLISH, "olga@example.org", false, List.of());
        lists.admin().addMember(TEAM, "bob@example.org", "", Role.SUBSCRIBER);
        lists.admin().addMember(TEAM, "carol@remote.test", "", Role.SUBSCRIBER);
        lists.admin().addMember(OTHER, MOD, "", Role.SUBSCRIBER);
    }

    private HeldPost hold(String list, String subject) {
        lists.handle(incoming("Xavier <x@remote.test>", list, subject, "A question from outside"));
        return store.pendingPosts(list).stream().filter(p -> p.subject().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void ownersAndModeratorsSeeTheHeldPostsOfTheirListsOnly() {
        HeldPost onTeam = hold(TEAM, "Hello team");
        HeldPost onOther = hold(OTHER, "Hello other");

        assertThat(lists.heldPostsFor(MOD)).extracting(HeldPost::key).containsExactly(onTeam.key());
        assertThat(lists.heldPostsFor("Alice@Example.org")).extracting(HeldPost::key).containsExactly(onTeam.key());
        assertThat(lists.heldPostsFor("olga@example.org")).extracting(HeldPost::key).containsExactly(onOther.key());
        assertThat(lists.heldPostsFor("bob@example.org")).isEmpty();
        assertThat(lists.heldPostsFor("x@remote.test")).isEmpty();
    }

    @Test
    void approvedOnTheWebThePostIsDistributedOnceAndALaterDistributeByMailIsAlreadyHandled() {
        HeldPost held = hold(TEAM, "Hello all");

        ModerationDecision approved = lists.moderate(MOD, held.key(), true, "");
        assertThat(approved.outcome()).isEqualTo(Outcome.DISTRIBUTED);
        List<OutgoingMail> copies = approved.mails().stream().filter(m -> m.envelopeSender().startsWith("team-owner+")).toList();
        assertThat(copies).flatExtracting(OutgoingMail::recipients).containsExactlyInAnyOrder("bob@example.org", "carol@remote.test");
        assertThat(subject(to(approved.mails(), "x@remote.test").get(0))).contains("was distributed");
        assertThat(text(to(approved.mails(), "mod2@remote.test").get(0))).contains(MOD + " distributed the message \"Hello all\"");
        assertThat(approved.post().orElseThrow().decidedBy()).contains(MOD);
        assertThat(lists.heldPostsFor(MOD)).isEmpty();

        List<OutgoingMail> byMail = lists.handle(incoming(OWNER, "team-request@example.org", "", "DISTRIBUTE team " + held.key()));
        assertThat(byMail).hasSize(1);
        assertThat(text(byMail.get(0))).contains("already handled: distributed by " + MOD);

        ModerationDecision again = lists.moderate(OWNER, held.key(), true, "");
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_HANDLED);
        assertThat(again.mails()).isEmpty();
        assertThat(again.post().orElseThrow().status()).isEqualTo(HeldPost.Status.DISTRIBUTED);
    }

    @Test
    void decidedByMailFirstTheWebChangesNothingAndSaysWhoDecided() {
        HeldPost held = hold(TEAM, "Buy now");
        lists.handle(incoming(OWNER, "team-request@example.org", "", "REJECT team " + held.key() + " spam"));

        ModerationDecision late = lists.moderate(MOD, held.key().toUpperCase(Locale.ROOT), true, "");
        assertThat(late.outcome()).isEqualTo(Outcome.ALREADY_HANDLED);
        assertThat(late.mails()).isEmpty();
        HeldPost now = late.post().orElseThrow();
        assertThat(now.status()).isEqualTo(HeldPost.Status.REJECTED);
        assertThat(now.decidedBy()).contains(OWNER);
        assertThat(now.decidedAt()).isPresent();
    }

    @Test
    void aRejectionOnTheWebReachesThePosterWithItsReason() {
        HeldPost held = hold(TEAM, "Advert");
        ModerationDecision rejected = lists.moderate(MOD, held.key(), false, "  Advertising is not welcome here ");
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(text(to(rejected.mails(), "x@remote.test").get(0))).contains("Reason: Advertising is not welcome here");
        assertThat(rejected.mails()).flatExtracting(OutgoingMail::recipients).doesNotContain("bob@example.org");
        assertThat(store.findHeld(held.key()).orElseThrow().status()).isEqualTo(HeldPost.Status.REJECTED);
    }

    @Test
    void someoneWhoModeratesAnotherListOrNothingDecidesNothing() {
        HeldPost onOther = hold(OTHER, "Elsewhere");

        ModerationDecision refused = lists.moderate(MOD, onOther.key(), true, "");
        assertThat(refused.outcome()).isEqualTo(Outcome.NOT_MODERATOR);
        assertThat(refused.mails()).isEmpty();
        assertThat(lists.moderate("bob@example.org", onOther.key(), false, "").outcome()).isEqualTo(Outcome.NOT_MODERATOR);
        assertThat(store.findHeld(onOther.key()).orElseThrow().isPending()).isTrue();

        assertThat(lists.moderate(MOD, "a".repeat(25), true, "").outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        assertThat(lists.moderate(MOD, null, true, "").outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
    }

    @Test
    void thePreviewIsTheTextOfAnHtmlPostWithoutItsMarkupAndCut() {
        String raw = "From: x@remote.test\r\nSubject: Html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
                + "<body><p>Hello <b>members</b>,</p>\r\n\r\n<p>caf&eacute; " + "word ".repeat(100) + "</p></body></html>\r\n";
        HeldPost post = HeldPost.pending("k", "c", TEAM, "x@remote.test", "Html", "held.reason",
                raw.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);

        String preview = ListService.textPreview(post, 40);
        assertThat(preview).startsWith("Hello members, café word").endsWith("…").doesNotContain("<", "alert", "color");
        assertThat(preview.length()).isLessThanOrEqualTo(41);
    }
}
