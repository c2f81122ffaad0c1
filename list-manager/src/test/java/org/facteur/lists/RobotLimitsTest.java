package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.authenticated;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.replyTo;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.MutableClock;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The robot cannot be turned into a mail bomb with a forged From: a command runs once per message, a message runs
 * at most three commands that send mail, and one address gets at most five confirmation requests and ten other
 * robot replies per hour (the defaults).
 */
class RobotLimitsTest {
    private static final String VICTIM = "victim@remote.test";
    private static final String OWNER = "alice@example.org";

    private final TestLists fixture = TestLists.start();
    private final MutableClock clock = fixture.clock();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        for (String name : List.of("team", "club1", "club2", "club3", "club4", "club5")) {
            lists.admin().create(name + "@example.org", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        }
    }

    /** Everything the robot sent to this address while handling the mails. */
    private List<OutgoingMail> sentTo(String address, List<OutgoingMail> out) {
        return out.stream().filter(m -> m.recipients().contains(address)).toList();
    }

    private List<OutgoingMail> handleAll(int times, java.util.function.IntFunction<org.facteur.lists.mail.IncomingMail> mail) {
        List<OutgoingMail> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(lists.handle(mail.apply(i)));
        }
        return out;
    }

    @Test
    void aCommandInBothSubjectAndBodyRunsOnce() {
        List<OutgoingMail> out = lists.handle(incoming(VICTIM, "lists@example.org", "SUB team", "SUB team\nsub team@example.org"));
        assertThat(out).extracting(m -> subject(m)).singleElement().asString().startsWith("CONFIRM ");
        assertThat(store.findOpenPending("team@example.org", VICTIM,
                org.facteur.lists.store.PendingRequest.Kind.CONFIRM_SUBSCRIBE, clock.instant())).isPresent();
    }

    @Test
    void aMessageRunsAtMostThreeCommandsThatSendMailAndSaysTheRestWereIgnored() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            body.append("SUB club").append(i % 5 + 1).append('\n');
        }
        List<OutgoingMail> out = lists.handle(incoming(VICTIM, "lists@example.org", "", body.toString()));
        assertThat(out).hasSize(4);
        assertThat(out).filteredOn(m -> subject(m).startsWith("CONFIRM ")).hasSize(3);
        OutgoingMail results = out.stream().filter(m -> !subject(m).startsWith("CONFIRM ")).findFirst().orElseThrow();
        assertThat(results.recipients()).containsExactly(VICTIM);
        assertThat(text(results)).contains("2 more commands were ignored").contains("at most 3 commands");
    }

    @Test
    void confirmationRequestsToOneAddressAreLimitedAcrossListsAndNothingElseIsSentOnceTheLimitIsHit() {
        List<OutgoingMail> out = handleAll(60, i -> incoming(VICTIM, "lists@example.org", "SUB " + (i % 2 == 0 ? "team" : "club1"),
                "SUB " + (i % 2 == 0 ? "team" : "club1")));
        assertThat(sentTo(VICTIM, out)).hasSize(5).allSatisfy(m -> assertThat(subject(m)).startsWith("CONFIRM "));
        assertThat(out).hasSize(5);

        // The implicit command addresses count too, and the window reopens after an hour.
        assertThat(lists.handle(incoming(VICTIM, "club2-subscribe@example.org", "", ""))).isEmpty();
        clock.advance(Duration.ofMinutes(61));
        assertThat(lists.handle(incoming(VICTIM, "club2-subscribe@example.org", "", ""))).extracting(m -> subject(m))
                .singleElement().asString().startsWith("CONFIRM ");
    }

    @Test
    void aRefusedConfirmationLeavesNoPendingRequest() {
        handleAll(5, i -> incoming(VICTIM, "club" + (i + 1) + "-subscribe@example.org", "", ""));
        assertThat(lists.handle(incoming(VICTIM, "team-subscribe@example.org", "", ""))).isEmpty();
        assertThat(store.findOpenPending("team@example.org", VICTIM,
                org.facteur.lists.store.PendingRequest.Kind.CONFIRM_SUBSCRIBE, clock.instant())).isEmpty();
    }

    @Test
    void repliesToOneSenderAreLimitedUnlessTheSenderLoggedIn() {
        List<OutgoingMail> out = handleAll(60, i -> incoming(VICTIM, "lists@example.org", "HELP", ""));
        assertThat(sentTo(VICTIM, out)).hasSize(10);
        assertThat(out).hasSize(10);

        List<OutgoingMail> loggedIn = handleAll(20, i -> authenticated(OWNER, "lists@example.org", "HELP", ""));
        assertThat(loggedIn).hasSize(20);
    }

    @Test
    void forgedPostsGetTheirAuthorAtMostTenNoticesWhileModeratorsStillSeeEveryPost() {
        List<OutgoingMail> out = handleAll(30, i -> incoming(VICTIM, "team@example.org", "Post " + i, "held: not a member"));
        assertThat(sentTo(VICTIM, out)).hasSize(10).allSatisfy(m -> assertThat(subject(m)).contains("awaits approval"));
        assertThat(sentTo(OWNER, out)).hasSize(30);
        assertThat(store.pendingPosts("team@example.org")).hasSize(30);
    }

    @Test
    void aRealMemberJoiningSeveralListsNeverMeetsTheLimits() {
        for (String list : List.of("team", "club1", "club2", "club3")) {
            List<OutgoingMail> confirmation = lists.handle(incoming("Newcomer <new@remote.test>", "lists@example.org", "", "SUB " + list));
            assertThat(confirmation).hasSize(1);
            List<OutgoingMail> welcome = lists.handle(replyTo(confirmation.get(0), "new@remote.test", ""));
            assertThat(welcome).extracting(m -> subject(m)).containsExactly("Welcome to " + list);
        }
        assertThat(store.listsOf("new@remote.test")).hasSize(4);
    }
}
