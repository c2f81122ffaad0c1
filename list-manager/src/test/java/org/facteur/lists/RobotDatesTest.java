package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.find;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.text;
import static org.facteur.lists.testing.Mails.to;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.Test;

/** Robot mail writes times for people: in the list's language and the server's time zone, to the minute. */
class RobotDatesTest {
    private final TestLists fixture = TestLists.start(ZoneId.of("Europe/Paris"));
    private final ListService lists = fixture.lists();

    @Test
    void aConfirmationSaysWhenItExpiresInTheListsLanguageAndTheServersZone() {
        lists.admin().create("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        lists.admin().create("bureau@example.org", Preset.DISCUSSION, Locale.FRENCH, "alice@example.org", false, List.of());
        // The clock reads 2026-11-22T10:00Z; keys live 7 days.
        assertThat(text(lists.handle(incoming("new@remote.test", "team-request@example.org", "", "SUB")).get(0)))
                .contains("The request expires on 29 November 2026 at 11:00 (CET).").doesNotContain("2026-11-29T");
        assertThat(text(lists.handle(incoming("new@remote.test", "bureau-request@example.org", "", "SUB")).get(0)))
                .contains("La demande expire le 29 novembre 2026 à 11:00 (CET).");
    }

    @Test
    void aLateModeratorLearnsWhenTheOtherDecidedAndModindexSaysWhenPostsArrived() {
        lists.admin().create("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false,
                List.of("mod1@example.org", "mod2@example.org"));
        List<OutgoingMail> held = lists.handle(incoming("x@remote.test", "team@example.org", "Hello", "hi"));
        String key = find(to(held, "mod1@example.org").get(0), "DISTRIBUTE team ([a-z2-7]{25})");
        assertThat(text(lists.handle(incoming("mod1@example.org", "team-request@example.org", "", "MODINDEX")).get(0)))
                .contains("22 November 2026 at 11:00 (CET)  x@remote.test  \"Hello\"");
        fixture.clock().advance(Duration.ofDays(200));
        lists.handle(incoming("mod1@example.org", "team-request@example.org", "", "DISTRIBUTE team " + key));
        assertThat(text(lists.handle(incoming("mod2@example.org", "team-request@example.org", "", "REJECT team " + key)).get(0)))
                .contains("distributed by mod1@example.org on 10 June 2027 at 12:00 (CEST)");
    }
}
