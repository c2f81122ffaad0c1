package org.facteur.app.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.junit.jupiter.api.Test;

/** What {@code ./facteur admin list members} prints about how each address receives posts. */
class MemberViewTest {

    @Test
    void aMemberSuspendedForBouncesSaysSoAndAMemberWhoChoseNomailDoesNot() {
        Member carol = Member.subscriber("carol@remote.test", "").withReception(ReceptionMode.NOMAIL);
        MemberBounces suspended = new MemberBounces(new BounceScore(5, Optional.of(LocalDate.of(2026, 11, 26))),
                "smtp; 550 5.1.1 User unknown", Optional.of(new MemberBounces.Suspension(ReceptionMode.MAIL,
                        Instant.parse("2026-11-26T10:00:00Z"), Optional.empty())));
        assertThat(ListApiController.MemberView.of(carol, Optional.of(suspended)).reception())
                .isEqualTo("suspended for bounces (5 points; last: smtp; 550 5.1.1 User unknown)");
        assertThat(ListApiController.MemberView.of(carol, Optional.of(MemberBounces.NONE)).reception()).isEqualTo("nomail");
        assertThat(ListApiController.MemberView.of(new Member("alice@example.org", "", Set.of(Role.OWNER), ReceptionMode.MAIL),
                Optional.empty()).reception()).isEqualTo("no posts (not subscribed)");
    }
}
