package org.facteur.lists.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Preset;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ArchiveStore;
import org.facteur.lists.store.JdbcListStore;
import org.facteur.lists.testing.ListDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive index on real MIME posts, kept in a real (SQLite) archive store. */
class ArchiveIndexTest {
    private static final String TEAM = "team@example.org";
    private static final String OTHER = "other@example.org";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;
    private ArchiveStore store;
    private ArchiveIndex index;
    private int posts;

    @BeforeEach
    void open() {
        JdbcListStore lists = new JdbcListStore(ListDatabases.sqlite(dir.resolve("lists.db")));
        for (String list : List.of(TEAM, OTHER)) {
            lists.createList(MailingList.of(list, Preset.DISCUSSION, Locale.FRENCH, 1_000_000));
        }
        store = lists.archives();
        index = ArchiveIndex.open(dir.resolve("index"), store);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private String archive(String list, String subject, String contentType, String body) {
        String raw = "From: Bob <bob@remote.test>\r\nTo: " + list + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + (++posts) + "@remote.test>\r\nMIME-Version: 1.0\r\n" + contentType + "\r\n\r\n" + body + "\r\n";
        byte[] message = raw.getBytes(StandardCharsets.UTF_8);
        ArchiveEntry entry = store.add(list, ArchiveStore.headers(NOW.plusSeconds(posts), "<" + posts + "@remote.test>", "",
                List.of(), "Bob <bob@remote.test>", subject, Optional.empty(), message.length), message);
        index.add(entry, message);
        return entry.id();
    }

    private String plain(String list, String subject, String body) {
        return archive(list, subject, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit", body);
    }

    @Test
    void aFrenchPluralIsFoundByItsSingularWithOrWithoutAccent() {
        String french = plain(TEAM, "Calendrier", "Les prochaines réunions du bureau auront lieu le jeudi.");
        plain(TEAM, "Other", "Nothing about that here.");

        assertThat(index.search(TEAM, "réunion", 10)).containsExactly(french);
        assertThat(index.search(TEAM, "reunion", 10)).containsExactly(french);
    }

    @Test
    void anEnglishPluralIsFoundByItsSingular() {
        String english = plain(TEAM, "Schedule", "The next meetings of the board are on Thursdays.");
        plain(TEAM, "Other", "Nothing about that here.");

        assertThat(index.search(TEAM, "meeting", 10)).containsExactly(english);
        assertThat(index.search(TEAM, "Thursday board", 10)).containsExactly(english);
        assertThat(index.search(TEAM, "Thursday piano", 10)).isEmpty();
    }

    @Test
    void theSubjectAndTheSenderAreSearchedToo() {
        String post = plain(TEAM, "Assemblée générale", "Voir la pièce jointe.");
        assertThat(index.search(TEAM, "assemblee", 10)).containsExactly(post);
        assertThat(index.search(TEAM, "bob", 10)).containsExactly(post);
    }

    @Test
    void anHtmlPostIsFoundByItsTextNotByItsMarkup() {
        String html = archive(TEAM, "Newsletter", "Content-Type: text/html; charset=UTF-8",
                "<html><head><style>table { color: red }</style></head><body><table><tr><td>"
                        + "Our <b>volunteers</b> &amp; friends</td></tr></table></body></html>");

        assertThat(index.search(TEAM, "volunteer", 10)).containsExactly(html);
        assertThat(index.search(TEAM, "friends", 10)).containsExactly(html);
        assertThat(index.search(TEAM, "table", 10)).isEmpty();
        assertThat(index.search(TEAM, "html", 10)).isEmpty();
        assertThat(index.search(TEAM, "color", 10)).isEmpty();
    }

    @Test
    void theTextOfAMultipartAlternativeIsFoundAndAnAttachmentIsNotRead() {
        String post = archive(TEAM, "Minutes", "Content-Type: multipart/mixed; boundary=outer",
                "--outer\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
                        + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe treasurer reported.\r\n"
                        + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>The treasurer reported.</p>\r\n--alt--\r\n"
                        + "--outer\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=secret.txt\r\n\r\n"
                        + "zanzibar\r\n--outer--");

        assertThat(index.search(TEAM, "treasurer", 10)).containsExactly(post);
        assertThat(index.search(TEAM, "zanzibar", 10)).isEmpty();
    }

    @Test
    void anotherListsPostsAreNeverReturned() {
        String ours = plain(TEAM, "Picnic", "Picnic on Sunday.");
        plain(OTHER, "Picnic", "Picnic on Sunday.");

        assertThat(index.search(TEAM, "picnic", 10)).containsExactly(ours);
    }

    @Test
    void hitsComeNewestFirstAndNoMoreThanAsked() {
        String first = plain(TEAM, "Concert 1", "Concert news.");
        String second = plain(TEAM, "Concert 2", "Concert news.");
        String third = plain(TEAM, "Concert 3", "Concert news.");

        assertThat(index.search(TEAM, "concert", 10)).containsExactly(third, second, first);
        assertThat(index.search(TEAM, "concert", 2)).containsExactly(third, second);
    }

    @Test
    void aSearchWithoutAWordFindsNothing() {
        plain(TEAM, "Punctuation", "Well... !!! ?");
        assertThat(index.search(TEAM, "   ", 10)).isEmpty();
        assertThat(index.search(TEAM, "... !!!", 10)).isEmpty();
    }

    @Test
    void aRemovedPostIsNoLongerFound() {
        String removed = plain(TEAM, "Mistake", "Confidential phone numbers.");
        String kept = plain(TEAM, "Fine", "Phone numbers are on the website.");

        index.remove(removed);
        assertThat(index.search(TEAM, "phone", 10)).containsExactly(kept);
    }

    @Test
    void aMissingIndexIsRebuiltFromTheStoreAtOpening() throws IOException {
        String post = plain(TEAM, "Kept", "Bicycle repair workshop.");
        reopenAfter(() -> deleteTree(dir.resolve("index")));
        assertThat(index.search(TEAM, "bicycle", 10)).containsExactly(post);
    }

    @Test
    void aBrokenIndexIsRebuiltFromTheStoreAtOpening() throws IOException {
        String post = plain(TEAM, "Kept", "Bicycle repair workshop.");
        reopenAfter(() -> {
            try (Stream<Path> files = Files.list(dir.resolve("index"))) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // the commit point, garbled
                }
            }
        });
        assertThat(index.search(TEAM, "bicycle", 10)).containsExactly(post);
    }

    @Test
    void anIndexThatAgreesWithTheStoreIsKeptAndOneThatHoldsAnotherCountIsRebuilt() throws IOException {
        String kept = plain(TEAM, "Kept", "Bicycle repair workshop.");
        String removed = plain(TEAM, "Removed", "Bicycle sale.");
        reopenAfter(() -> { });
        assertThat(index.search(TEAM, "bicycle", 10)).containsExactly(removed, kept);

        reopenAfter(() -> store.remove(TEAM, removed)); // as if the server stopped between the store and the index
        assertThat(index.search(TEAM, "bicycle", 10)).containsExactly(kept);
    }

    /** Closes the index, does {@code meanwhile} to its directory or the store, and opens it again. */
    private void reopenAfter(WhileClosed meanwhile) throws IOException {
        index.close();
        meanwhile.run();
        index = ArchiveIndex.open(dir.resolve("index"), store);
    }

    @FunctionalInterface
    private interface WhileClosed {
        void run() throws IOException;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
