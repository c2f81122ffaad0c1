package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.subject;

import java.util.List;
import java.util.Locale;

import org.facteur.lists.MemberRequest.Outcome;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.model.UnsubscribePolicy;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.Membership;
import org.facteur.lists.store.PendingRequest;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A logged-in member's own requests made outside mail (the webmail) run as her commands by mail, under the list's policies. */
class MemberRequestTest {
    private static final String OWNER = "alice@example.org";
    private static final String BOB = "bob@example.org";

    private final TestLists fixture = TestLists.start();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void setUp() {
        create("open@example.org", SubscribePolicy.OPEN);
        create("confirm@example.org", SubscribePolicy.CONFIRM);
        create("owner@example.org", SubscribePolicy.OWNER);
        create("closed@example.org", SubscribePolicy.CLOSED);
        create("elsewhere@other.test", SubscribePolicy.OPEN);
    }

    private void create(String address, SubscribePolicy policy) {
        MailingList list = lists.admin().create(address, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().update(list.withPolicies(list.policies().withSubscribe(policy)));
    }

    @Test
    void theListsOfHerDomainSheMayAskToJoinAndHerMemberships() {
        assertThat(lists.openToSubscription(BOB)).extracting(MailingList::address)
                .containsExactly("confirm@example.org", "open@example.org", "owner@example.org");
        lists.subscribeAsMember(BOB, "open@example.org");
        assertThat(lists.openToSubscription(BOB)).extracting(MailingList::address)
                .containsExactly("confirm@example.org", "owner@example.org");
        assertThat(lists.membershipsOf("Bob@Example.org")).extracting(Membership::list).containsExactly("open@example.org");
        assertThat(lists.membershipsOf(OWNER)).hasSize(5).allSatisfy(m -> assertThat(m.member().has(Role.OWNER)).isTrue());
    }

    @Test
    void anOpenListSubscribesAtOnceWithTheWelcomeAndLeavesWithTheGoodbye() {
        MemberRequest joined = lists.subscribeAsMember(BOB, "open@example.org");
        assertThat(joined.outcome()).isEqualTo(Outcome.DONE);
        assertThat(joined.mails()).singleElement().satisfies(m -> {
            assertThat(m.recipients()).containsExactly(BOB);
            assertThat(subject(m)).contains("Welcome");
        });
        assertThat(store.findMember("open@example.org", BOB).orElseThrow().has(Role.SUBSCRIBER)).isTrue();
        assertThat(lists.subscribeAsMember(BOB, "open@example.org").outcome()).isEqualTo(Outcome.ALREADY);

        MemberRequest left = lists.unsubscribeAsMember(BOB, "open@example.org");
        assertThat(left.outcome()).isEqualTo(Outcome.DONE);
        assertThat(store.findMember("open@example.org", BOB)).isEmpty();
        assertThat(lists.unsubscribeAsMember(BOB, "open@example.org").outcome()).isEqualTo(Outcome.NOT_SUBSCRIBED);
    }

    @Test
    void aConfirmListSendsTheRobotsConfirmationRequestAndChangesNothingYet() {
        MemberRequest asked = lists.subscribeAsMember(BOB, "confirm@example.org");
        assertThat(asked.outcome()).isEqualTo(Outcome.CONFIRMATION_SENT);
        OutgoingMail request = asked.mails().get(0);
        assertThat(request.recipients()).containsExactly(BOB);
        assertThat(subject(request)).startsWith("CONFIRM ");
        assertThat(store.findMember("confirm@example.org", BOB)).isEmpty();
        String key = subject(request).substring("CONFIRM ".length());
        assertThat(store.findPending(key).orElseThrow().kind()).isEqualTo(PendingRequest.Kind.CONFIRM_SUBSCRIBE);
    }

    @Test
    void anOwnerListAsksTheOwnersAndAClosedListRefuses() {
        MemberRequest asked = lists.subscribeAsMember(BOB, "owner@example.org");
        assertThat(asked.outcome()).isEqualTo(Outcome.OWNERS_ASKED);
        assertThat(asked.mails()).flatExtracting(OutgoingMail::recipients).containsExactly(OWNER);
        assertThat(store.findMember("owner@example.org", BOB)).isEmpty();

        MemberRequest closed = lists.subscribeAsMember(BOB, "closed@example.org");
        assertThat(closed.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(closed.mails()).isEmpty();
        assertThat(store.findMember("closed@example.org", BOB)).isEmpty();
        assertThat(lists.subscribeAsMember(BOB, "nothing@example.org").outcome()).isEqualTo(Outcome.UNKNOWN_LIST);
        assertThat(lists.subscribeAsMember(BOB, "not an address").outcome()).isEqualTo(Outcome.UNKNOWN_LIST);
    }

    @Test
    void leavingAListWhoseOwnersApproveAsksThem() {
        lists.admin().addMember("open@example.org", BOB, "", Role.SUBSCRIBER);
        MailingList open = lists.admin().get("open@example.org");
        lists.admin().update(open.withPolicies(open.policies().withUnsubscribe(UnsubscribePolicy.OWNER)));
        MemberRequest asked = lists.unsubscribeAsMember(BOB, "open@example.org");
        assertThat(asked.outcome()).isEqualTo(Outcome.OWNERS_ASKED);
        assertThat(store.findMember("open@example.org", BOB).orElseThrow().has(Role.SUBSCRIBER)).isTrue();
    }

    @Test
    void theReceptionModeChangesForSubscribersOnly() {
        lists.admin().addMember("open@example.org", BOB, "", Role.SUBSCRIBER);
        assertThat(lists.setReceptionAsMember(BOB, "open@example.org", ReceptionMode.DIGEST).outcome()).isEqualTo(Outcome.DONE);
        assertThat(store.findMember("open@example.org", BOB).orElseThrow().reception()).isEqualTo(ReceptionMode.DIGEST);

        assertThat(lists.setReceptionAsMember(OWNER, "open@example.org", ReceptionMode.NOMAIL).outcome()).isEqualTo(Outcome.NOT_SUBSCRIBED);
        assertThat(store.findMember("open@example.org", OWNER).orElseThrow().reception()).isEqualTo(ReceptionMode.MAIL);
    }

    @Test
    void confirmationRequestsCountAgainstTheRobotsLimits() {
        Outcome last = Outcome.CONFIRMATION_SENT;
        for (int i = 0; i < 20 && last == Outcome.CONFIRMATION_SENT; i++) {
            last = lists.subscribeAsMember(BOB, "confirm@example.org").outcome();
        }
        assertThat(last).isEqualTo(Outcome.TOO_MANY_REQUESTS);
    }
}
