package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;
import static org.facteur.lists.testing.Mails.to;

import java.util.List;
import java.util.Locale;

import org.facteur.lists.OwnerActions.ImportLine;
import org.facteur.lists.OwnerRequest.Outcome;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.PendingRequest;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An owner's work on the web: members, a CSV import reported line by line, requests waiting for an owner. */
class OwnerActionsTest {
    private static final String TEAM = "team@example.org";
    private static final String OWNER = "alice@example.org";
    private static final String OTHER_OWNER = "olga@example.org";

    private final TestLists fixture = TestLists.start();
    private final ListStore store = fixture.store();
    private final ListService lists = fixture.lists();
    private final OwnerActions owners = lists.owners();

    @BeforeEach
    void setUp() {
        MailingList team = lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, OWNER, false, List.of("mod@example.org"));
        lists.admin().update(team.withPolicies(team.policies().withSubscribe(SubscribePolicy.OWNER)));
        lists.admin().addMember(TEAM, OTHER_OWNER, "", Role.OWNER);
        lists.admin().addMember(TEAM, "bob@example.org", "Bob", Role.SUBSCRIBER);
    }

    @Test
    void onlyOwnersSeeAndChangeTheMembers() {
        assertThat(owners.members("Alice@Example.org", TEAM)).hasValueSatisfying(m ->
                assertThat(m).extracting(Member::address).contains("bob@example.org", OWNER));
        for (String notOwner : new String[] {"mod@example.org", "bob@example.org", "x@remote.test"}) {
            assertThat(owners.members(notOwner, TEAM)).isEmpty();
            assertThat(owners.approvals(notOwner, TEAM)).isEmpty();
            assertThat(owners.add(notOwner, TEAM, "new@remote.test", "").outcome()).isEqualTo(Outcome.NOT_OWNER);
            assertThat(owners.remove(notOwner, TEAM, "bob@example.org").outcome()).isEqualTo(Outcome.NOT_OWNER);
            assertThat(owners.importMembers(notOwner, TEAM, "new@remote.test")).isEmpty();
        }
        assertThat(owners.members(OWNER, "nothing@example.org")).isEmpty();
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();
        assertThat(store.findMember(TEAM, "bob@example.org")).isPresent();
    }

    @Test
    void addingAndRemovingRunAddAndDelWithTheirMails() {
        OwnerRequest added = owners.add(OWNER, TEAM, " New@Remote.test ", "New One");
        assertThat(added.outcome()).isEqualTo(Outcome.DONE);
        assertThat(store.findMember(TEAM, "new@remote.test").orElseThrow().name()).isEqualTo("New One");
        assertThat(subject(to(added.mails(), "new@remote.test").get(0))).contains("Welcome");
        assertThat(owners.add(OWNER, TEAM, "new@remote.test", "").outcome()).isEqualTo(Outcome.ALREADY_MEMBER);
        assertThat(owners.add(OWNER, TEAM, "not an address", "").outcome()).isEqualTo(Outcome.INVALID_ADDRESS);
        assertThat(owners.add(OWNER, TEAM, TEAM, "").outcome()).isEqualTo(Outcome.INVALID_ADDRESS);

        OwnerRequest removed = owners.remove(OWNER, TEAM, "new@remote.test");
        assertThat(removed.outcome()).isEqualTo(Outcome.DONE);
        assertThat(store.findMember(TEAM, "new@remote.test")).isEmpty();
        assertThat(owners.remove(OWNER, TEAM, "new@remote.test").outcome()).isEqualTo(Outcome.NOT_MEMBER);
        // an owner who is not subscribed stays an owner
        assertThat(owners.remove(OWNER, TEAM, OTHER_OWNER).outcome()).isEqualTo(Outcome.NOT_MEMBER);
        assertThat(store.findMember(TEAM, OTHER_OWNER).orElseThrow().has(Role.OWNER)).isTrue();
    }

    @Test
    void anImportReportsEveryLineAndAddsOnlyTheGoodOnes() {
        String csv = "email,name\n"
                + "ann@remote.test,Ann\n"
                + "\n"
                + "# a comment\n"
                + "\"Cid@Remote.test\";\"Cid, the third\"\n"
                + "bob@example.org\n"
                + "not-an-address\n"
                + "ANN@remote.test\n"
                + "dan@remote.test\tDan\r\n";
        OwnerActions.ImportReport report = owners.importMembers(OWNER, TEAM, csv).orElseThrow();
        assertThat(report.lines()).containsExactly(
                new ImportLine(2, "ann@remote.test", Outcome.DONE),
                new ImportLine(5, "Cid@Remote.test", Outcome.DONE),
                new ImportLine(6, "bob@example.org", Outcome.ALREADY_MEMBER),
                new ImportLine(7, "not-an-address", Outcome.INVALID_ADDRESS),
                new ImportLine(8, "ANN@remote.test", Outcome.DUPLICATE_LINE),
                new ImportLine(9, "dan@remote.test", Outcome.DONE));
        assertThat(report.added()).isEqualTo(3);
        assertThat(store.findMember(TEAM, "cid@remote.test").orElseThrow().name()).isEqualTo("Cid, the third");
        assertThat(store.findMember(TEAM, "dan@remote.test").orElseThrow().name()).isEqualTo("Dan");
        assertThat(report.mails()).flatExtracting(OutgoingMail::recipients)
                .containsExactlyInAnyOrder("ann@remote.test", "cid@remote.test", "dan@remote.test");
    }

    @Test
    void anImportReadsAtMostItsLimit() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i <= OwnerActions.IMPORT_MAX_LINES; i++) {
            csv.append("m").append(i).append("@remote.test\n");
        }
        OwnerActions.ImportReport report = owners.importMembers(OWNER, TEAM, csv.toString()).orElseThrow();
        assertThat(report.added()).isEqualTo(OwnerActions.IMPORT_MAX_LINES);
        assertThat(report.lines().get(OwnerActions.IMPORT_MAX_LINES)).isEqualTo(
                new ImportLine(OwnerActions.IMPORT_MAX_LINES + 1, "m" + OwnerActions.IMPORT_MAX_LINES + "@remote.test", Outcome.BEYOND_LIMIT));
    }

    @Test
    void aRequestWaitingForOwnersIsDecidedOnceByTheFirstOwnerByMailOrHere() {
        lists.handle(incoming("x@remote.test", "team-request@example.org", "", "SUB team Xavier"));
        fixture.clock().advance(java.time.Duration.ofMinutes(1));
        lists.handle(incoming("y@remote.test", "team-request@example.org", "", "SUB team"));
        List<PendingRequest> waiting = owners.approvals(OWNER, TEAM).orElseThrow();
        assertThat(waiting).extracting(PendingRequest::address).containsExactly("x@remote.test", "y@remote.test");

        OwnerRequest approved = owners.decide(OWNER, TEAM, waiting.get(0).key(), true, "");
        assertThat(approved.outcome()).isEqualTo(Outcome.DONE);
        assertThat(store.findMember(TEAM, "x@remote.test").orElseThrow().has(Role.SUBSCRIBER)).isTrue();
        assertThat(subject(to(approved.mails(), "x@remote.test").get(0))).contains("Welcome");
        assertThat(text(to(approved.mails(), OTHER_OWNER).get(0))).contains(OWNER);
        assertThat(owners.decide(OTHER_OWNER, TEAM, waiting.get(0).key(), false, "").outcome()).isEqualTo(Outcome.ALREADY_DECIDED);

        List<OutgoingMail> byMail = lists.handle(incoming(OTHER_OWNER, "team-request@example.org", "",
                "REJECT team " + waiting.get(1).key() + " Members only"));
        assertThat(to(byMail, "y@remote.test")).hasSize(1);
        assertThat(owners.decide(OWNER, TEAM, waiting.get(1).key(), true, "").outcome()).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(store.findMember(TEAM, "y@remote.test")).isEmpty();
        assertThat(owners.approvals(OWNER, TEAM).orElseThrow()).isEmpty();
        assertThat(owners.decide(OWNER, TEAM, "a".repeat(25), true, "").outcome()).isEqualTo(Outcome.UNKNOWN_REQUEST);
        assertThat(owners.decide("bob@example.org", TEAM, waiting.get(1).key(), true, "").outcome()).isEqualTo(Outcome.NOT_OWNER);
    }

    @Test
    void aRefusalHereReachesTheRequesterWithItsReason() {
        lists.handle(incoming("z@remote.test", "team-request@example.org", "", "SUB team"));
        PendingRequest request = owners.approvals(OWNER, TEAM).orElseThrow().get(0);
        OwnerRequest refused = owners.decide(OWNER, TEAM, request.key(), false, "Members of the club only");
        assertThat(refused.outcome()).isEqualTo(Outcome.DONE);
        assertThat(text(to(refused.mails(), "z@remote.test").get(0))).contains("Members of the club only");
        assertThat(store.findMember(TEAM, "z@remote.test")).isEmpty();
    }
}
