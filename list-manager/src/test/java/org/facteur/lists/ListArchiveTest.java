package org.facteur.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.facteur.lists.testing.Mails.authenticated;
import static org.facteur.lists.testing.Mails.find;
import static org.facteur.lists.testing.Mails.incoming;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.archive.ArchiveAccessDenied;
import org.facteur.lists.archive.ArchiveIndex;
import org.facteur.lists.archive.Archives;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.DmarcPolicies;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ListStoreException;
import org.facteur.lists.testing.TestLists;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives through the list manager's front door, on the real SQLite store and a real Lucene index. */
class ListArchiveTest {
    private static final String TEAM = "team@example.org";
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @TempDir
    Path dir;
    private final TestLists fixture = TestLists.start();
    private ArchiveIndex index;
    private ListService lists;
    private Archives archives;

    @BeforeEach
    void setUp() {
        index = ArchiveIndex.open(dir.resolve("archive-index"), fixture.store().archives());
        lists = new ListService(fixture.store(), new ListSettings("lists", Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofSeconds(5), 100), 100_000, fixture.clock(), ListActivity.NONE, DmarcPolicies.NOT_ASKED, Optional.of(index));
        archives = lists.archives();
        lists.admin().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        for (String member : List.of("bob@example.org", "carol@remote.test", "dan@remote.test")) {
            lists.admin().addMember(TEAM, member, "", Role.SUBSCRIBER);
        }
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    private List<ArchiveEntry> november() {
        return archives.month(TEAM, NOVEMBER, ZoneOffset.UTC);
    }

    @Test
    void aDistributedPostIsArchivedOnceAsMembersGotIt() {
        List<OutgoingMail> copies = lists.handle(incoming("Bob <bob@example.org>", TEAM, "Garden party",
                "The garden party is on Saturday.", "In-Reply-To: <earlier@remote.test>", "References: <first@remote.test> <earlier@remote.test>"));
        assertThat(copies).hasSize(3); // one personal copy per member, one archived post

        assertThat(november()).singleElement().satisfies(entry -> {
            assertThat(entry.subject()).isEqualTo("[team] Garden party");
            assertThat(entry.from()).isEqualTo("Bob <bob@example.org>");
            assertThat(entry.messageId()).isEqualTo(copies.getFirst().message().getMessageID()).startsWith("<test-"); // the author's
            assertThat(entry.inReplyTo()).isEqualTo("<earlier@remote.test>");
            assertThat(entry.references()).containsExactly("<first@remote.test>", "<earlier@remote.test>");
            assertThat(entry.archivedAt()).isEqualTo(fixture.clock().instant());
        });
        String archived = new String(archives.find(TEAM, november().getFirst().id()).orElseThrow().message(), StandardCharsets.UTF_8);
        assertThat(archived).contains("List-Id:").contains("The garden party is on Saturday.");
        assertThat(archived).doesNotContain("team-owner+"); // the shared copy, not one member's personal one
        assertThat(archives.months(TEAM, ZoneOffset.UTC)).containsExactly(NOVEMBER);
        assertThat(archives.search(TEAM, "parties", 10)).extracting(ArchiveEntry::subject).containsExactly("[team] Garden party");
    }

    @Test
    void aHeldPostIsArchivedOnlyOnceApproved() {
        OutgoingMail toOwner = lists.handle(incoming("stranger@remote.test", TEAM, "Held one", "A question")).stream()
                .filter(m -> m.recipients().contains("alice@example.org")).findFirst().orElseThrow();
        assertThat(november()).isEmpty();
        assertThat(archives.search(TEAM, "question", 10)).isEmpty();

        String key = find(toOwner, "DISTRIBUTE team ([a-z2-7]{25})");
        lists.handle(authenticated("alice@example.org", "team-request@example.org", "", "DISTRIBUTE team " + key));
        assertThat(november()).extracting(ArchiveEntry::subject).containsExactly("[team] Held one");
        assertThat(archives.search(TEAM, "question", 10)).hasSize(1);
    }

    @Test
    void robotMailAndMailToTheOwnersAreNotArchived() {
        lists.handle(incoming("eve@remote.test", "team-request@example.org", "", "SUBSCRIBE team"));
        lists.handle(incoming("eve@remote.test", "lists@example.org", "", "WHICH"));
        lists.handle(incoming("mailer-daemon@remote.test", "team-owner@example.org", "Undelivered", "User unknown"));
        assertThat(november()).isEmpty();
    }

    @Test
    void aListWithoutSubscribersStillArchivesAndAListWithArchivesOffDoesNot() {
        lists.admin().create("quiet@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        lists.admin().create("secret@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        lists.admin().update(lists.admin().get("secret@example.org").withArchive(ArchiveAccess.OFF));
        lists.admin().addMember("secret@example.org", "bob@example.org", "", Role.SUBSCRIBER);
        lists.admin().addMember("quiet@example.org", "bob@example.org", "", Role.OWNER);

        lists.handle(incoming("bob@example.org", "quiet@example.org", "Anyone?", "Hello"));
        assertThat(lists.handle(incoming("bob@example.org", "secret@example.org", "Secret", "Hush"))).hasSize(1); // distributed

        assertThat(archives.month("quiet@example.org", NOVEMBER, ZoneOffset.UTC)).hasSize(1);
        assertThat(archives.month("secret@example.org", NOVEMBER, ZoneOffset.UTC)).isEmpty();
        assertThat(archives.mayRead("secret@example.org", Optional.of("bob@example.org"))).isFalse();
    }

    @Test
    void aMembersOnlyArchiveIsReadByMembersAndAPublicOneByAnyone() {
        assertThat(lists.admin().get(TEAM).archive()).isEqualTo(ArchiveAccess.MEMBERS); // the default
        assertThat(archives.mayRead(TEAM, Optional.of("bob@example.org"))).isTrue();
        assertThat(archives.mayRead(TEAM, Optional.of("BOB@example.org"))).isTrue();
        assertThat(archives.mayRead(TEAM, Optional.of("alice@example.org"))).isTrue(); // owner, not subscribed
        assertThat(archives.mayRead(TEAM, Optional.of("stranger@remote.test"))).isFalse();
        assertThat(archives.mayRead(TEAM, Optional.empty())).isFalse();

        lists.admin().update(lists.admin().get(TEAM).withArchive(ArchiveAccess.PUBLIC));
        assertThat(archives.mayRead(TEAM, Optional.empty())).isTrue();
        assertThat(archives.mayRead(TEAM, Optional.of("stranger@remote.test"))).isTrue();
    }

    @Test
    void onlyAnOwnerRemovesAPostAndThenItIsGoneFromSearchToo() {
        lists.handle(incoming("bob@example.org", TEAM, "Oops", "My phone number is 0601020304"));
        String id = november().getFirst().id();

        assertThat(archives.owns(TEAM, Optional.of("bob@example.org"))).isFalse();
        assertThat(archives.owns(TEAM, Optional.empty())).isFalse();
        assertThat(archives.owns(TEAM, Optional.of("ALICE@example.org"))).isTrue();
        assertThatThrownBy(() -> archives.remove(TEAM, id, "bob@example.org")).isInstanceOf(ArchiveAccessDenied.class);
        assertThat(archives.find(TEAM, id)).isPresent();

        archives.remove(TEAM, id, "Alice@Example.org");
        assertThat(archives.find(TEAM, id)).isEmpty();
        assertThat(archives.search(TEAM, "phone", 10)).isEmpty();
        assertThatThrownBy(() -> archives.remove(TEAM, id, "alice@example.org")).isInstanceOf(ListStoreException.NotFound.class);
    }

    @Test
    void anOwnerExportsTheArchiveAsAnMboxrdFile() throws IOException {
        lists.handle(incoming("Bob <bob@example.org>", TEAM, "First", "From here on, we meet on Mondays.\n>From the minutes."));
        fixture.clock().advance(Duration.ofMinutes(5));
        lists.handle(incoming("carol@remote.test", TEAM, "Second", "Agreed."));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archives.exportMbox(TEAM, "alice@example.org", out);
        String mbox = out.toString(StandardCharsets.UTF_8);

        assertThat(mbox).startsWith("From bob@example.org Sun Nov 22 10:00:00 2026\n");
        assertThat(mbox).contains("\n\nFrom carol@remote.test Sun Nov 22 10:05:00 2026\n");
        assertThat(mbox.lines().filter(l -> l.startsWith("From "))).hasSize(2);
        assertThat(mbox).contains("\n>From here on, we meet on Mondays.\n>>From the minutes.\n");
        assertThat(mbox).doesNotContain("\r").endsWith("Agreed.\n-- \nteam <team@example.org>\n"
                + "Unsubscribe: mailto:team-unsubscribe@example.org\n\n");
        assertThat(mbox.indexOf("Subject: [team] First")).isLessThan(mbox.indexOf("Subject: [team] Second"));

        assertThatThrownBy(() -> archives.exportMbox(TEAM, "bob@example.org", new ByteArrayOutputStream()))
                .isInstanceOf(ArchiveAccessDenied.class);
    }

    @Test
    void theCopiesArchivedAtNamesThePostTheArchiveKeeps() throws Exception {
        ListService withPublicUrl = new ListService(fixture.store(), new ListSettings("lists", Locale.ENGLISH, Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofSeconds(5), 100, RobotLimits.DEFAULTS, Optional.of(java.net.URI.create("https://mail.example.org"))),
                100_000, fixture.clock(), ListActivity.NONE, DmarcPolicies.NOT_ASKED, Optional.of(index));
        List<OutgoingMail> copies = withPublicUrl.handle(incoming("bob@example.org", TEAM, "Linked", "Where is it kept?"));

        String id = november().getFirst().id();
        assertThat(copies).isNotEmpty().allSatisfy(copy -> {
            assertThat(copy.message().getHeader("Archived-At"))
                    .containsExactly("<https://mail.example.org/lists/archive/team@example.org/post/" + id + ">");
            assertThat(copy.message().getHeader("List-Archive")).containsExactly("<https://mail.example.org/lists/archive/team@example.org>");
        });
        String archived = new String(archives.find(TEAM, id).orElseThrow().message(), StandardCharsets.UTF_8);
        assertThat(archived).contains("List-Archive: <https://mail.example.org/lists/archive/team@example.org>");
    }
}
