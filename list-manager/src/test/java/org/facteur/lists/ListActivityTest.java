package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.Decision;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.Test;

/** The host hears of every post's decision, with how many members the copies went to. */
class ListActivityTest {
    private static final String TEAM = "team@example.org";

    private record Reported(String list, Decision decision, int recipients) {
    }

    private final List<Reported> reported = new ArrayList<>();
    private final ListService lists = TestLists.start((list, decision, recipients) ->
            reported.add(new Reported(list, decision, recipients))).lists();

    @Test
    void eachPostIsReportedOnceWithItsDecisionAndRecipients() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", true, List.of());
        lists.admin().addMember(TEAM, "bob@remote.test", "", Role.SUBSCRIBER);
        lists.admin().addMember(TEAM, "carol@remote.test", "", Role.SUBSCRIBER);

        lists.handle(incoming("bob@remote.test", TEAM, "hello", "from a member"));
        lists.handle(incoming("stranger@remote.test", TEAM, "hi", "from a non-member"));
        lists.handle(incoming("lists@example.org", "lists@example.org", "x", "SUB team")); // a command, not a post

        assertThat(reported).hasSize(2);
        assertThat(reported.get(0).list()).isEqualTo(TEAM);
        assertThat(reported.get(0).decision()).isInstanceOf(Decision.Accept.class);
        assertThat(reported.get(0).recipients()).isEqualTo(3); // bob, carol and the owner alice, subscribed at creation
        assertThat(reported.get(1).decision()).isEqualTo(new Decision.Hold("hold.non-member"));
        assertThat(reported.get(1).recipients()).isZero();
    }
}
