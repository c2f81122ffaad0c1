package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.lists.testing.Mails.incoming;
import static org.facteur.lists.testing.Mails.subject;
import static org.facteur.lists.testing.Mails.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.digest.DigestSettings;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digests through the list manager's front door, on the real SQLite store. */
class ListDigestTest {
    private static final String TEAM = "team@example.org";

    private final TestLists fixture = TestLists.start();
    private final ListService lists = fixture.lists();
    private final List<OutgoingMail> sent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        for (String member : List.of("bob@example.org", "carol@remote.test", "dan@remote.test")) {
            lists.admin().addMember(TEAM, member, "", Role.SUBSCRIBER);
        }
        lists.handle(incoming("carol@remote.test", "team-request@example.org", "", "SET team DIGEST"));
        lists.handle(incoming("dan@remote.test", "lists@example.org", "", "SET team DIGESTPLAIN"));
    }

    private List<OutgoingMail> post(String subject) {
        return lists.handle(incoming("bob@example.org", TEAM, subject, "About " + subject));
    }

    @Test
    void digestReadersGetNoCopiesThenOneDigestEachAndNothingTwice() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(post("Post " + i)).flatExtracting(OutgoingMail::recipients).containsExactly("bob@example.org");
        }

        assertThat(lists.sendDigest(TEAM, sent::addAll)).hasValueSatisfying(issue -> assertThat(issue.posts()).hasSize(3));
        assertThat(sent).hasSize(2);
        OutgoingMail mime = sent.get(0);
        assertThat(mime.recipients()).containsExactly("carol@remote.test");
        assertThat(mime.envelopeSender()).isEqualTo("team-owner@example.org");
        assertThat(subject(mime)).isEqualTo("[team] Digest, Vol 1, Issue 1");
        Multipart posts = (Multipart) ((Multipart) mime.message().getContent()).getBodyPart(1).getContent();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < posts.getCount(); i++) {
            subjects.add(((MimeMessage) posts.getBodyPart(i).getContent()).getSubject());
        }
        assertThat(subjects).containsExactly("[team] Post 1", "[team] Post 2", "[team] Post 3");
        OutgoingMail plain = sent.get(1);
        assertThat(plain.recipients()).containsExactly("dan@remote.test");
        assertThat(text(plain)).contains("Subject: [team] Post 2\n\nAbout Post 2").contains("End of [team] Digest, Vol 1, Issue 1");

        sent.clear();
        assertThat(lists.sendDigest(TEAM, sent::addAll)).isEmpty();
        assertThat(sent).isEmpty();
        post("Post 4");
        assertThat(lists.sendDigest(TEAM, sent::addAll).orElseThrow().issue()).isEqualTo(2);
    }

    @Test
    void postsWaitingForADigestSurviveARestart() {
        post("Before restart");
        ListService restarted = new ListService(fixture.store(), new ListSettings("lists", Locale.ENGLISH, Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofSeconds(5), 100), 100_000, fixture.clock());
        assertThat(restarted.sendDigest(TEAM, sent::addAll)).isPresent();
        assertThat(sent).extracting(m -> m.recipients().get(0)).containsExactly("carol@remote.test", "dan@remote.test");
    }

    @Test
    void aHeldPostApprovedLaterGoesToTheDigestToo() {
        OutgoingMail toOwner = lists.handle(incoming("stranger@remote.test", TEAM, "Held one", "x")).stream()
                .filter(m -> m.recipients().contains("alice@example.org")).findFirst().orElseThrow();
        String key = org.facteur.lists.testing.Mails.find(toOwner, "DISTRIBUTE team ([a-z2-7]{25})");
        lists.handle(org.facteur.lists.testing.Mails.authenticated("alice@example.org", "team-request@example.org", "",
                "DISTRIBUTE team " + key));
        assertThat(lists.sendDigest(TEAM, sent::addAll).orElseThrow().posts()).hasSize(1);
    }

    @Test
    void dueDigestsGoAtTheDailyTimeOrWhenEnoughPostsWait() {
        post("Monday"); // 10:00 UTC; digests go at 07:00
        fixture.clock().advance(Duration.ofHours(20)); // 06:00 the next day
        assertThat(lists.sendDueDigests(sent::addAll)).isEmpty();
        fixture.clock().advance(Duration.ofHours(1));
        assertThat(lists.sendDueDigests(sent::addAll)).singleElement().satisfies(issue -> assertThat(issue.posts()).hasSize(1));
        assertThat(lists.sendDueDigests(sent::addAll)).isEmpty();

        for (int i = 0; i < DigestSettings.DEFAULTS.maxPosts(); i++) {
            post("Busy " + i);
        }
        assertThat(lists.sendDueDigests(sent::addAll)).singleElement()
                .satisfies(issue -> assertThat(issue.posts()).hasSize(DigestSettings.DEFAULTS.maxPosts()));
    }
}
