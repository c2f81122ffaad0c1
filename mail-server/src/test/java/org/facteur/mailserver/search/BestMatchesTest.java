package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Best matches": English and French stems, folded accents, subject before body, only the given mailboxes. */
class BestMatchesTest {
    @TempDir
    Path dir;
    MessageIndex index;

    @BeforeEach
    void open() throws Exception {
        index = new MessageIndex(dir);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private void put(String mailbox, long uid, String subject, String body) throws Exception {
        index.put(mailbox, uid, mailbox + "-" + uid, new MessageText(
                List.of(new MessageText.Header("From", "Bob <bob@example.org>"), new MessageText.Header("Subject", subject)),
                SearchText.normalize(body), "", List.of(), false));
    }

    private List<Long> uids(String words, String... mailboxes) throws Exception {
        var q = BestMatchQuery.of(words);
        if (q == null) {
            return List.of();
        }
        index.refresh();
        return index.rank(Set.of(mailboxes), q, 10).stream().map(MessageIndex.Ranked::uid).toList();
    }

    @Test
    void englishStemsFindOtherFormsOfAWord() throws Exception {
        put("mb", 1, "Notes", "The meeting is moved to Friday.");
        put("mb", 2, "Lunch", "Sandwiches for everyone.");
        assertThat(uids("meetings", "mb")).containsExactly(1L);
        assertThat(uids("MEETING", "mb")).containsExactly(1L);
        assertThat(uids("sandwich", "mb")).containsExactly(2L);
    }

    @Test
    void frenchStemsAndFoldedAccents() throws Exception {
        put("mb", 1, "Compte rendu", "La réunion du bureau aura lieu jeudi.");
        put("mb", 2, "Été", "Les vacances d'été commencent.");
        put("mb", 3, "Autre", "Rien à voir.");
        assertThat(uids("réunions", "mb")).containsExactly(1L);
        assertThat(uids("reunion", "mb")).containsExactly(1L);
        assertThat(uids("REUNIONS", "mb")).containsExactly(1L);
        assertThat(uids("ete", "mb")).containsExactly(2L);
        assertThat(uids("l'été", "mb")).containsExactly(2L);
    }

    @Test
    void aWordInTheSubjectRanksBeforeTheSameWordInTheBody() throws Exception {
        // Without the subject's weight, message 1 (the word twice in a short body) would rank first.
        put("mb", 1, "Weekly notes", "budget budget review");
        put("mb", 2, "Budget", "review of the plans");
        put("mb", 3, "Weekly notes", "garden review");
        assertThat(uids("budget", "mb")).containsExactly(2L, 1L);
    }

    @Test
    void moreOfTheWordsRanksHigher() throws Exception {
        put("mb", 1, "Trip", "The train leaves early.");
        put("mb", 2, "Trip", "The train to Lyon leaves early.");
        assertThat(uids("train lyon", "mb")).containsExactly(2L, 1L);
    }

    @Test
    void onlyTheGivenMailboxesAreSearched() throws Exception {
        put("alice-inbox", 1, "Secret plan", "The harbour plan.");
        put("bob-inbox", 1, "Secret plan", "The harbour plan, more of it: plan plan plan.");
        put("alice-archive", 7, "Old plan", "An older harbour plan.");
        index.refresh();
        var found = index.rank(Set.of("alice-inbox", "alice-archive"), BestMatchQuery.of("harbour plan"), 10);
        assertThat(found).extracting(MessageIndex.Ranked::mailboxId).containsOnly("alice-inbox", "alice-archive").hasSize(2);
        assertThat(index.rank(Set.of(), BestMatchQuery.of("harbour"), 10)).isEmpty();
        assertThat(found.get(0).subject()).isIn("Secret plan", "Old plan");
        assertThat(found.get(0).from()).isEqualTo("Bob <bob@example.org>");
    }

    @Test
    void hostileTextIsWordsNotQuerySyntax() throws Exception {
        put("mb", 1, "foo", "bar baz");
        put("mb", 2, "other", "nothing here");
        for (String hostile : List.of("foo:bar (", "*", "?", "\"", "body:foo AND", "+-&&||!(){}[]^\"~*?:\\/", "a".repeat(5000),
                "NOT foo", "foo~2 bar^10", "((((((((((", "\u0000\uFFFF", "   ", "", "le la les the a")) {
            assertThatCode(() -> uids(hostile, "mb")).as(hostile).doesNotThrowAnyException();
        }
        assertThat(uids("foo:bar (", "mb")).containsExactly(1L);
        assertThat(uids("*", "mb")).isEmpty();
        assertThat(BestMatchQuery.of("?! ( ) : -- \"\"")).isNull();
        String many = String.join(" ", java.util.Collections.nCopies(2000, "w")) + " " + "x".repeat(10);
        assertThatCode(() -> uids(many, "mb")).doesNotThrowAnyException();
    }

    @Test
    void anExpungedMessageIsGone() throws Exception {
        put("mb", 1, "Invoice", "invoice for March");
        put("mb", 2, "Invoice", "invoice for April");
        assertThat(uids("invoice", "mb")).containsExactlyInAnyOrder(1L, 2L);
        index.delete("mb", List.of(1L));
        assertThat(uids("invoice", "mb")).containsExactly(2L);
        index.deleteMailbox("mb");
        assertThat(uids("invoice", "mb")).isEmpty();
    }
}
