package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.authenticated;
import static org.facteur.lists.testing.Mails.find;
import static org.facteur.lists.testing.Mails.header;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.replyTo;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;
import static org.facteur.lists.testing.Mails.to;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.MutableClock;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list manager end to end on its own: mails in, mails out, on the embedded store. */
class ListServiceTest {
    private static final String TEAM = "team@example.org";
    private static final String OWNER = "alice@example.org";

    private final TestLists fixture = TestLists.start();
    private final MutableClock clock = fixture.clock();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of("mod1@example.org", "mod2@remote.test"));
    }

    private void subscribe(String address) {
        lists.admin().addMember(TEAM, address, "", Role.SUBSCRIBER);
    }

    @Test
    void listAddressesAreRecognised() {
        assertThat(lists.resolve("Team@Example.org")).hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(ListTarget.Kind.POST));
        assertThat(lists.resolve("team-request@example.org").orElseThrow().kind()).isEqualTo(ListTarget.Kind.REQUEST);
        assertThat(lists.resolve("team-unsubscribe@example.org").orElseThrow().kind()).isEqualTo(ListTarget.Kind.UNSUBSCRIBE);
        assertThat(lists.resolve("team-owner@example.org").orElseThrow().kind()).isEqualTo(ListTarget.Kind.OWNER);
        assertThat(lists.resolve("lists@example.org").orElseThrow().kind()).isEqualTo(ListTarget.Kind.ROBOT);
        assertThat(lists.resolve("bob@example.org")).isEmpty();
        assertThat(lists.resolve("other-request@example.org")).isEmpty();
    }

    @Test
    void doubleOptInByReplyingToTheConfirmation() {
        List<OutgoingMail> out = lists.handle(incoming("New Person <new@remote.test>", "lists@example.org", "subscribe", "SUB team Newbie"));
        assertThat(out).hasSize(1);
        OutgoingMail confirmation = out.get(0);
        assertThat(confirmation.recipients()).containsExactly("new@remote.test");
        assertThat(confirmation.envelopeSender()).isEqualTo("team-request@example.org");
        String key = find(confirmation, "CONFIRM ([a-z2-7]{25})");
        assertThat(subject(confirmation)).isEqualTo("CONFIRM " + key);
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();

        List<OutgoingMail> welcome = lists.handle(replyTo(confirmation, "new@remote.test", ""));
        assertThat(welcome).hasSize(1);
        assertThat(subject(welcome.get(0))).isEqualTo("Welcome to team");
        assertThat(store.findMember(TEAM, "new@remote.test")).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("Newbie"));

        List<OutgoingMail> again = lists.handle(incoming("new@remote.test", "lists@example.org", "x", "CONFIRM " + key));
        assertThat(text(again.get(0))).contains("already handled by new@remote.test").contains("Nothing was changed");
    }

    @Test
    void aWrongKeyOrAKeyForAnotherAddressChangesNothing() {
        OutgoingMail confirmation = lists.handle(incoming("new@remote.test", "team-subscribe@example.org", "", "")).get(0);
        String key = find(confirmation, "CONFIRM ([a-z2-7]{25})");
        assertThat(text(lists.handle(incoming("new@remote.test", "lists@example.org", "CONFIRM aaaaaaaaaaaaaaaaaaaaaaaaa", "")).get(0)))
                .contains("unknown or has expired");
        assertThat(text(lists.handle(incoming("mallory@remote.test", "lists@example.org", "CONFIRM " + key, "")).get(0)))
                .contains("another address");
        clock.advance(Duration.ofDays(8));
        assertThat(text(lists.handle(incoming("new@remote.test", "lists@example.org", "CONFIRM " + key, "")).get(0)))
                .contains("expired");
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();
    }

    @Test
    void aClosedListRefusesWithAReason() {
        lists.admin().update(lists.admin().get(TEAM).withPolicies(lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.CLOSED)));
        List<OutgoingMail> out = lists.handle(incoming("new@remote.test", "team-request@example.org", "sub", ""));
        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).contains("team@example.org is closed");
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();
    }

    @Test
    void confirmThenOwnerNeedsTheOwnersApprovalAndRepeatsDoNotSpamOwners() {
        lists.admin().update(lists.admin().get(TEAM).withPolicies(
                lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.CONFIRM_THEN_OWNER)));
        OutgoingMail confirmation = lists.handle(incoming("new@remote.test", "lists@example.org", "", "SUB team")).get(0);
        List<OutgoingMail> afterConfirm = lists.handle(replyTo(confirmation, "new@remote.test", ""));
        OutgoingMail approval = to(afterConfirm, OWNER).get(0);
        assertThat(text(to(afterConfirm, "new@remote.test").get(0))).contains("sent to the list owners");
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();

        OutgoingMail second = lists.handle(incoming("new@remote.test", "lists@example.org", "", "SUB team")).get(0);
        assertThat(to(lists.handle(replyTo(second, "new@remote.test", "")), OWNER)).isEmpty();

        String line = find(approval, "(CONFIRM [a-z2-7]{25})");
        assertThat(text(lists.handle(incoming("intruder@remote.test", "team-request@example.org", "", line)).get(0)))
                .contains("another address");
        List<OutgoingMail> approved = lists.handle(replyTo(approval, OWNER, line));
        assertThat(to(approved, "new@remote.test")).extracting(m -> subject(m)).containsExactly("Welcome to team");
        assertThat(store.findMember(TEAM, "new@remote.test")).isPresent();
    }

    @Test
    void anOwnerApprovesASubscriptionByAPlainReply() {
        lists.admin().update(lists.admin().get(TEAM).withPolicies(lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.OWNER)));
        OutgoingMail approval = to(lists.handle(incoming("new@remote.test", "lists@example.org", "", "SUB team Newbie")), OWNER).get(0);

        List<OutgoingMail> out = lists.handle(replyTo(approval, OWNER, "Fine by me."));
        assertThat(text(to(out, OWNER).get(0))).doesNotContain("No command").contains("new@remote.test was added to team@example.org");
        assertThat(to(out, "new@remote.test")).extracting(m -> subject(m)).containsExactly("Welcome to team");
        assertThat(store.findMember(TEAM, "new@remote.test")).hasValueSatisfying(m -> assertThat(m.has(Role.SUBSCRIBER)).isTrue());
        assertThat(text(approval)).contains("To approve, simply reply to this message");
    }

    @Test
    void aReplyToAnApprovalWithTheRefusalLineRefusesAndAStrangersReplyDoesNothing() {
        lists.admin().update(lists.admin().get(TEAM).withPolicies(lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.OWNER)));
        OutgoingMail approval = to(lists.handle(incoming("new@remote.test", "lists@example.org", "", "SUB team")), OWNER).get(0);
        String refuse = find(approval, "(REJECT team [a-z2-7]{25})");

        assertThat(text(lists.handle(replyTo(approval, "intruder@remote.test", "ok")).get(0))).contains("another address");
        List<OutgoingMail> out = lists.handle(replyTo(approval, OWNER, refuse + " Not known here"));
        assertThat(text(to(out, "new@remote.test").get(0))).contains("Reason: Not known here");
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();
    }

    @Test
    void aModeratorDistributesAHeldPostByAPlainReplyAndRejectsWithTheRejectLine() {
        subscribe("bob@example.org");
        OutgoingMail toMod1 = to(lists.handle(incoming("x@remote.test", TEAM, "Hello all", "A question")), "mod1@example.org").get(0);
        List<OutgoingMail> decided = lists.handle(replyTo(toMod1, "mod1@example.org", "Looks fine."));
        assertThat(text(to(decided, "mod1@example.org").get(0))).doesNotContain("No command").contains("was distributed");
        assertThat(to(decided, "bob@example.org")).extracting(m -> subject(m)).containsExactly("[team] Hello all");
        assertThat(text(toMod1)).contains("To distribute it, simply reply to this message");

        OutgoingMail other = to(lists.handle(incoming("y@remote.test", TEAM, "Buy now", "spam")), "mod2@remote.test").get(0);
        String reject = find(other, "(REJECT team [a-z2-7]{25})");
        List<OutgoingMail> rejected = lists.handle(replyTo(other, "mod2@remote.test", reject + " Advertising"));
        assertThat(text(to(rejected, "y@remote.test").get(0))).contains("Reason: Advertising");
        assertThat(to(rejected, "bob@example.org")).isEmpty();
    }

    @Test
    void ownersAndModeratorsReceivePostsOnlyWhenSubscribed() {
        lists.admin().create("board@example.org", Preset.DISCUSSION, Locale.ENGLISH, "olivia@example.org", true, List.of("mod1@example.org"));
        lists.admin().addMember("board@example.org", "bob@example.org", "", Role.SUBSCRIBER);
        subscribe("bob@example.org");

        List<OutgoingMail> toBoard = lists.handle(incoming("bob@example.org", "board@example.org", "Agenda", "Monday?"));
        assertThat(toBoard).flatExtracting(OutgoingMail::recipients).containsExactlyInAnyOrder("olivia@example.org", "bob@example.org");
        assertThat(lists.admin().member("board@example.org", "olivia@example.org").orElseThrow().receivesPosts()).isTrue();

        List<OutgoingMail> toTeam = lists.handle(incoming("bob@example.org", TEAM, "Agenda", "Monday?"));
        assertThat(toTeam).flatExtracting(OutgoingMail::recipients).containsExactly("bob@example.org");
        assertThat(lists.admin().member(TEAM, OWNER).orElseThrow().receivesPosts()).isFalse();
        assertThat(lists.admin().member(TEAM, "mod1@example.org").orElseThrow().receivesPosts()).isFalse();
    }

    @Test
    void robotRepliesKeepExactlyOneRe() {
        List<OutgoingMail> unknown = lists.handle(incoming("new@remote.test", "lists@example.org", "Re: RE: Re: CONFIRM aaaaaaaaaaaaaaaaaaaaaaaaa", ""));
        assertThat(subject(unknown.get(0))).isEqualTo("Re: CONFIRM aaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(subject(lists.handle(incoming("new@remote.test", "lists@example.org", "=?UTF-8?Q?R=C3=A9f=2E_:_TR:_help?=", "")).get(0))).isEqualTo("Re: help");

        lists.admin().update(lists.admin().get(TEAM).withPolicies(lists.admin().get(TEAM).policies().withSubscribe(SubscribePolicy.OWNER)));
        OutgoingMail approval = to(lists.handle(incoming("new@remote.test", "lists@example.org", "", "SUB team")), OWNER).get(0);
        List<OutgoingMail> approved = lists.handle(replyTo(approval, OWNER, ""));
        assertThat(subject(to(approved, OWNER).get(0))).isEqualTo("Re: " + subject(approval)).doesNotContain("Re: Re:");
    }

    @Test
    void reviewAndWhichRespectTheReviewPolicy() {
        subscribe("bob@example.org");
        assertThat(text(lists.handle(incoming("stranger@remote.test", "lists@example.org", "REVIEW team", "")).get(0)))
                .contains("may not see the members");
        String review = text(lists.handle(incoming("bob@example.org", "lists@example.org", "REVIEW team", "")).get(0));
        assertThat(review).contains("Members of team@example.org (1)").contains("bob@example.org");
        assertThat(text(lists.handle(incoming("bob@example.org", "lists@example.org", "", "WHICH")).get(0)))
                .contains("team@example.org [subscriber]");
    }

    @Test
    void aNonMemberPostIsHeldUntilAModeratorDistributesItOnce() throws Exception {
        subscribe("bob@example.org");
        subscribe("carol@remote.test");
        List<OutgoingMail> held = lists.handle(incoming("Xavier <x@remote.test>", TEAM, "Hello all", "A question"));
        assertThat(held.stream().filter(m -> m.recipients().contains("bob@example.org"))).isEmpty();
        assertThat(subject(to(held, "x@remote.test").get(0))).contains("awaits approval");
        OutgoingMail toMod1 = to(held, "mod1@example.org").get(0);
        OutgoingMail toMod2 = to(held, "mod2@remote.test").get(0);
        String key = find(toMod1, "DISTRIBUTE team ([a-z2-7]{25})");
        assertThat(text(toMod2)).contains("DISTRIBUTE team " + key).contains("REJECT team " + key)
                .contains("mailto:team-request@example.org?subject=DISTRIBUTE%20team%20" + key);
        assertThat(toMod1.message().getReplyTo()[0].toString()).isEqualTo("team-request@example.org");

        List<OutgoingMail> decided = lists.handle(replyTo(toMod1, "mod1@example.org", "DISTRIBUTE team " + key));
        List<OutgoingMail> copies = decided.stream().filter(m -> m.envelopeSender().startsWith("team-owner+")).toList();
        assertThat(copies).flatExtracting(OutgoingMail::recipients).containsExactlyInAnyOrder("bob@example.org", "carol@remote.test");
        for (OutgoingMail copy : copies) {
            assertThat(subject(copy)).isEqualTo("[team] Hello all");
            assertThat(header(copy, "List-Id")).isEqualTo("team <team.example.org>");
        }
        assertThat(text(to(decided, "mod2@remote.test").get(0))).contains("mod1@example.org distributed the message \"Hello all\"");
        assertThat(subject(to(decided, "x@remote.test").get(0))).contains("was distributed");

        List<OutgoingMail> late = lists.handle(incoming("mod2@remote.test", "team-request@example.org", "", "REJECT team " + key + " spam"));
        assertThat(late).hasSize(1);
        assertThat(text(late.get(0))).contains("already handled: distributed by mod1@example.org");
    }

    @Test
    void aRejectionReasonReachesThePosterAndAForgedModeratorWithoutTheKeyGetsNothing() {
        List<OutgoingMail> held = lists.handle(incoming("x@remote.test", TEAM, "Buy now", "spam"));
        String key = find(to(held, "mod1@example.org").get(0), "DISTRIBUTE team ([a-z2-7]{25})");

        List<OutgoingMail> forged = lists.handle(incoming("mod1@example.org", "team-request@example.org", "", "DISTRIBUTE team aaaaaaaaaaaaaaaaaaaaaaaaa"));
        assertThat(forged).hasSize(1);
        assertThat(text(forged.get(0))).contains("No held message");
        assertThat(text(lists.handle(incoming("x@remote.test", "team-request@example.org", "", "DISTRIBUTE team " + key)).get(0)))
                .contains("Only the moderators");
        assertThat(store.findHeld(key).orElseThrow().status()).isEqualTo(HeldPost.Status.PENDING);

        List<OutgoingMail> rejected = lists.handle(incoming("mod2@remote.test", "team-request@example.org", "",
                "> DISTRIBUTE team " + key + "\nREJECT team " + key + " Advertising is not welcome here"));
        assertThat(text(to(rejected, "x@remote.test").get(0))).contains("Reason: Advertising is not welcome here");
        assertThat(store.findHeld(key).orElseThrow().status()).isEqualTo(HeldPost.Status.REJECTED);
    }

    @Test
    void thePosterCanWithdrawAHeldPostButNotApproveIt() {
        List<OutgoingMail> held = lists.handle(incoming("x@remote.test", TEAM, "Oops", "sent too early"));
        OutgoingMail notice = to(held, "x@remote.test").get(0);
        String cancel = find(notice, "(CANCEL team [a-z2-7]{25})");
        List<OutgoingMail> out = lists.handle(incoming("x@remote.test", "team-request@example.org", "", cancel));
        assertThat(text(to(out, "x@remote.test").get(0))).contains("was withdrawn");
        assertThat(to(out, "mod1@example.org")).hasSize(1);
        assertThat(store.pendingPosts(TEAM)).isEmpty();
    }

    @Test
    void heldPostsExpireWithANotice() {
        lists.handle(incoming("x@remote.test", TEAM, "Stale", "nobody looks"));
        clock.advance(Duration.ofDays(31));
        List<OutgoingMail> expired = lists.expireHeldPosts();
        assertThat(expired).hasSize(1);
        assertThat(subject(expired.get(0))).contains("expired");
        assertThat(expired.get(0).recipients()).containsExactly("x@remote.test");
        assertThat(lists.expireHeldPosts()).isEmpty();
    }

    @Test
    void aNewsletterRefusesMembersAndTrustsOnlyLoggedInOwners() {
        lists.admin().create("news@example.org", Preset.NEWSLETTER, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().addMember("news@example.org", "bob@example.org", "", Role.SUBSCRIBER);
        List<OutgoingMail> refused = lists.handle(incoming("bob@example.org", "news@example.org", "Me too", "hi"));
        assertThat(text(refused.get(0))).contains("news@example.org is a newsletter");

        List<OutgoingMail> sent = lists.handle(authenticated(OWNER, "news@example.org", "Issue 1", "News"));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).recipients()).containsExactly("bob@example.org");
        assertThat(header(sent.get(0), "List-Post")).isEqualTo("NO");

        List<OutgoingMail> forged = lists.handle(incoming(OWNER, "news@example.org", "Issue 2", "Forged?"));
        assertThat(forged).noneMatch(m -> m.recipients().contains("bob@example.org"));
        assertThat(store.pendingPosts("news@example.org")).hasSize(1);
    }

    @Test
    void receptionModesChangeWhatOneMemberReceives() {
        subscribe("bob@example.org");
        subscribe("carol@remote.test");
        lists.handle(incoming("bob@example.org", "team-request@example.org", "", "SET team NOT_ME"));
        lists.handle(incoming("carol@remote.test", "lists@example.org", "", "set team nomail"));
        assertThat(store.findMember(TEAM, "carol@remote.test").orElseThrow().reception()).isEqualTo(ReceptionMode.NOMAIL);
        assertThat(lists.handle(incoming("bob@example.org", TEAM, "From Bob", "hi"))).isEmpty();
        lists.handle(incoming("carol@remote.test", "lists@example.org", "", "SET team MAIL"));
        assertThat(lists.handle(incoming("bob@example.org", TEAM, "From Bob again", "hi")).get(0).recipients())
                .containsExactly("carol@remote.test");
        assertThat(text(lists.handle(incoming("bob@example.org", "lists@example.org", "", "SET team DIGEST")).get(0)))
                .contains("Your reception mode on team@example.org is now DIGEST.");
        assertThat(text(lists.handle(incoming("carol@remote.test", "lists@example.org", "", "SET team digestplain")).get(0)))
                .contains("is now DIGESTPLAIN");
        assertThat(text(lists.handle(incoming("carol@remote.test", "lists@example.org", "", "SET team SUMMARY")).get(0)))
                .contains("Unknown reception mode \"SUMMARY\"");
    }

    @Test
    void loopsAndRobotsAreNeverAnswered() {
        subscribe("bob@example.org");
        assertThat(lists.handle(incoming("bob@example.org", TEAM, "Looped", "x", "X-Loop: team@example.org"))).isEmpty();
        assertThat(lists.handle(incoming("MAILER-DAEMON@remote.test", "team-request@example.org", "Undelivered", "HELP"))).isEmpty();
        assertThat(lists.handle(incoming("bob@example.org", "lists@example.org", "Out of office", "HELP", "Auto-Submitted: auto-replied"))).isEmpty();
        var post = incoming("bob@example.org", TEAM, "Once", "x");
        assertThat(lists.handle(post)).hasSize(1);
        assertThat(lists.handle(post)).isEmpty();
    }

    @Test
    void repliesAreInTheListsLanguage() {
        lists.admin().create("bureau@example.org", Preset.DISCUSSION, Locale.FRENCH, OWNER, false, List.of());
        OutgoingMail confirmation = lists.handle(incoming("new@remote.test", "bureau-request@example.org", "", "SUB")).get(0);
        assertThat(text(confirmation)).contains("Pour confirmer, répondez simplement à ce message");
    }

    @Test
    void ownersAddMembersByMailOnlyAfterConfirmingFromTheirMailbox() {
        List<OutgoingMail> ask = lists.handle(incoming(OWNER, "team-request@example.org", "", "ADD team dan@remote.test Dan"));
        assertThat(store.findMember(TEAM, "dan@remote.test")).isEmpty();
        OutgoingMail confirm = to(ask, OWNER).get(0);
        List<OutgoingMail> done = lists.handle(replyTo(confirm, OWNER, ""));
        assertThat(to(done, "dan@remote.test")).extracting(m -> subject(m)).containsExactly("Welcome to team");
        assertThat(store.findMember(TEAM, "dan@remote.test")).isPresent();

        lists.handle(authenticated(OWNER, "team-request@example.org", "DEL team dan@remote.test", ""));
        assertThat(store.findMember(TEAM, "dan@remote.test")).isEmpty();
    }

    @Test
    void helpListsAndInfoDescribeTheLists() {
        lists.admin().update(lists.admin().get(TEAM).withDescription("The board"));
        String reply = text(lists.handle(incoming("someone@remote.test", "lists@example.org", "help", "LISTS\nINFO team")).get(0));
        assertThat(reply).contains("Commands are one per line").contains("Lists on example.org (1):")
                .contains("team@example.org  The board").contains("Joining: open, after you confirm your address")
                .contains("Owners: alice@example.org");
        String unknown = text(lists.handle(incoming("someone@remote.test", "lists@example.org", "hello", "what is this?")).get(0));
        assertThat(unknown).contains("No command was found").contains("Commands are one per line");
        assertThat(text(lists.handle(incoming("someone@remote.test", "lists@example.org", "", "INFO nosuch")).get(0)))
                .contains("There is no list called \"nosuch\"");
    }

    @Test
    void unsubscribingByTheUnsubscribeAddressSaysGoodbye() {
        subscribe("bob@example.org");
        List<OutgoingMail> out = lists.handle(incoming("Bob <bob@example.org>", "team-unsubscribe@example.org", "", ""));
        assertThat(out).extracting(m -> subject(m)).containsExactly("You left team");
        assertThat(store.findMember(TEAM, "bob@example.org")).isEmpty();
        assertThat(text(lists.handle(incoming("bob@example.org", "team-request@example.org", "leave", "")).get(0)))
                .contains("You are not subscribed to team@example.org");
    }

    @Test
    void membersAreListedWithRoles() {
        assertThat(store.members(TEAM)).extracting(Member::address).containsExactly(OWNER, "mod1@example.org", "mod2@remote.test");
        assertThat(store.findMember(TEAM, OWNER).orElseThrow().has(Role.OWNER)).isTrue();
    }

    private String token(String list, String address) {
        return store.memberTokens(list).get(address);
    }

    @Test
    void eachCopyLeavesFromItsMembersVerpAddressWhoseBouncesReachTheOwners() {
        subscribe("bob@example.org");
        subscribe("carol@remote.test");
        List<OutgoingMail> copies = lists.handle(incoming("bob@example.org", TEAM, "Hi", "Hello"));
        assertThat(copies).hasSize(2);
        OutgoingMail toCarol = to(copies, "carol@remote.test").get(0);
        assertThat(toCarol.envelopeSender()).isEqualTo("team-owner+" + token(TEAM, "carol@remote.test") + "@example.org");
        assertThat(to(copies, "bob@example.org").get(0).envelopeSender()).isNotEqualTo(toCarol.envelopeSender());

        assertThat(lists.resolve(toCarol.envelopeSender()).orElseThrow().kind()).isEqualTo(ListTarget.Kind.BOUNCE);
        List<OutgoingMail> forwarded = lists.handle(incoming("MAILER-DAEMON@remote.test", toCarol.envelopeSender(),
                "Undelivered Mail Returned to Sender", "550 5.1.1 carol: no such user"));
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0).recipients()).containsExactly(OWNER);
        assertThat(lists.resolve("team-owner+" + "a".repeat(26) + "@example.org").orElseThrow().kind()).isEqualTo(ListTarget.Kind.BOUNCE);
        assertThat(lists.resolve("nolist-owner+" + "a".repeat(26) + "@example.org")).isEmpty();
    }

    @Test
    void oneClickUnsubscribesTheTokensMemberFromTheTokensListOnly() {
        subscribe("ann@remote.test");
        subscribe("bob@example.org");
        lists.admin().create("other@example.org", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().addMember("other@example.org", "ann@remote.test", "", Role.SUBSCRIBER);
        String annOnTeam = token(TEAM, "ann@remote.test");

        assertThat(lists.oneClickMember(annOnTeam)).hasValueSatisfying(m -> {
            assertThat(m.list()).isEqualTo(TEAM);
            assertThat(m.member().address()).isEqualTo("ann@remote.test");
        });
        OneClickUnsubscription done = lists.unsubscribeOneClick(annOnTeam).orElseThrow();
        assertThat(done.left()).isTrue();
        assertThat(done.address()).isEqualTo("ann@remote.test");
        assertThat(done.mails()).hasSize(1);
        assertThat(done.mails().get(0).recipients()).containsExactly("ann@remote.test");
        assertThat(subject(done.mails().get(0))).contains("team");
        assertThat(store.findMember(TEAM, "ann@remote.test")).isEmpty();
        assertThat(store.findMember(TEAM, "bob@example.org").orElseThrow().has(Role.SUBSCRIBER)).isTrue();
        assertThat(store.findMember("other@example.org", "ann@remote.test").orElseThrow().has(Role.SUBSCRIBER)).isTrue();

        assertThat(lists.unsubscribeOneClick(annOnTeam)).isEmpty();
        assertThat(lists.oneClickMember(annOnTeam)).isEmpty();
    }

    @Test
    void aTokenOfNoSubscriberOrOfNoShapeUnsubscribesNobody() {
        subscribe("bob@example.org");
        assertThat(lists.unsubscribeOneClick(org.facteur.lists.model.MemberToken.random())).isEmpty();
        assertThat(lists.unsubscribeOneClick("' OR 1=1 --")).isEmpty();
        assertThat(lists.unsubscribeOneClick(null)).isEmpty();
        // the owner is a member (not subscribed): her token names no subscriber
        assertThat(lists.unsubscribeOneClick(token(TEAM, OWNER))).isEmpty();
        assertThat(store.findMember(TEAM, OWNER)).isPresent();
        assertThat(store.findMember(TEAM, "bob@example.org").orElseThrow().has(Role.SUBSCRIBER)).isTrue();
    }

    @Test
    void whenOwnersApproveUnsubscriptionsOneClickAsksThemAndKeepsTheMember() {
        subscribe("ann@remote.test");
        var team = lists.admin().get(TEAM);
        lists.admin().update(team.withPolicies(team.policies().withUnsubscribe(org.facteur.lists.model.UnsubscribePolicy.OWNER)));
        OneClickUnsubscription asked = lists.unsubscribeOneClick(token(TEAM, "ann@remote.test")).orElseThrow();
        assertThat(asked.left()).isFalse();
        assertThat(asked.mails()).flatExtracting(OutgoingMail::recipients).containsExactly(OWNER);
        assertThat(store.findMember(TEAM, "ann@remote.test").orElseThrow().has(Role.SUBSCRIBER)).isTrue();
    }
}
