package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;

import java.util.List;
import java.util.Locale;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Policies;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions asked for on the public web page: double opt-in by mail, whatever the list's policy. */
class WebSubscriptionTest {
    private static final String OWNER = "alice@example.org";
    private static final String DANA = "dana@remote.test";

    private final TestLists fixture = TestLists.start();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();

    @BeforeEach
    void lists() {
        MailingList open = lists.admin().create("open@example.org", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        Policies p = open.policies();
        lists.admin().update(open.withPolicies(new Policies(SubscribePolicy.OPEN, p.unsubscribe(), p.send(), p.review())));
        lists.admin().create("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().create("board@example.org", Preset.MODERATED, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().create("private@example.org", Preset.PRIVATE_WORKING_GROUP, Locale.ENGLISH, OWNER, false, List.of());
        lists.admin().create("elsewhere@other.test", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
    }

    private boolean subscribed(String list, String address) {
        return store.findMember(list, address).map(m -> m.has(Role.SUBSCRIBER)).orElse(false);
    }

    private static String key(OutgoingMail confirmation) {
        return subject(confirmation).substring("CONFIRM ".length());
    }

    @Test
    void thePublicPageListsTheDomainsListsThatAnAddressJoinsByConfirmingIt() {
        assertThat(lists.publicLists("Example.org")).extracting(MailingList::address)
                .containsExactly("board@example.org", "open@example.org", "team@example.org");
        assertThat(lists.publicLists("nowhere.test")).isEmpty();
    }

    @Test
    void evenAnOpenListAsksTheAddressToConfirmBeforeSubscribingIt() {
        List<OutgoingMail> sent = lists.requestSubscriptionFromWeb("open@example.org", " Dana@Remote.test ", "Dana\r\nBcc: x");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).recipients()).containsExactly(DANA);
        assertThat(subject(sent.get(0))).startsWith("CONFIRM ");
        assertThat(subscribed("open@example.org", DANA)).isFalse();

        List<OutgoingMail> welcome = lists.handle(incoming(DANA, "open-request@example.org", "", "CONFIRM " + key(sent.get(0))));
        assertThat(subscribed("open@example.org", DANA)).isTrue();
        assertThat(store.findMember("open@example.org", DANA).orElseThrow().name()).isEqualTo("Dana Bcc: x");
        assertThat(welcome).isNotEmpty();
    }

    @Test
    void nothingIsSentTwiceWhileARequestIsOpenNorToASubscriberNorForAClosedOrUnknownListOrABadAddress() {
        assertThat(lists.requestSubscriptionFromWeb("team@example.org", DANA, "")).hasSize(1);
        assertThat(lists.requestSubscriptionFromWeb("team@example.org", DANA, "")).isEmpty();
        lists.admin().addMember("team@example.org", "bob@example.org", "", Role.SUBSCRIBER);
        assertThat(lists.requestSubscriptionFromWeb("team@example.org", "bob@example.org", "")).isEmpty();
        assertThat(lists.requestSubscriptionFromWeb("private@example.org", DANA, "")).isEmpty();
        assertThat(lists.requestSubscriptionFromWeb("nosuch@example.org", DANA, "")).isEmpty();
        assertThat(lists.requestSubscriptionFromWeb("team@example.org", "not an address", "")).isEmpty();
        assertThat(lists.requestSubscriptionFromWeb("team@example.org", null, "")).isEmpty();
    }

    @Test
    void oneAddressGetsNoMoreConfirmationRequestsThanTheRobotAllows() {
        int sent = 0;
        for (String list : List.of("open@example.org", "team@example.org", "board@example.org")) {
            sent += lists.requestSubscriptionFromWeb(list, DANA, "").size();
        }
        for (int i = 0; i < 20; i++) {
            MailingList extra = lists.admin().create("extra" + i + "@example.org", Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of());
            sent += lists.requestSubscriptionFromWeb(extra.address(), DANA, "").size();
        }
        assertThat(sent).isEqualTo(RobotLimits.DEFAULTS.confirmationsPerAddress());
    }

    @Test
    void onAListWhereOwnersApproveTheyAreAskedOnlyAfterTheAddressConfirmed() {
        List<OutgoingMail> sent = lists.requestSubscriptionFromWeb("board@example.org", DANA, "");
        assertThat(sent.get(0).recipients()).containsExactly(DANA);
        List<OutgoingMail> after = lists.handle(incoming(DANA, "board-request@example.org", "", "CONFIRM " + key(sent.get(0))));
        assertThat(subscribed("board@example.org", DANA)).isFalse();
        assertThat(after).anySatisfy(m -> {
            assertThat(m.recipients()).containsExactly(OWNER);
            assertThat(text(m)).contains(DANA);
        });
    }
}
