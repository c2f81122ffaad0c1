package org.facteur.mailserver.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.mime.BaseSubject;
import org.junit.jupiter.api.Test;

/** RFC 5256 §4's two algorithms on plain values, and the thread-list syntax. */
class ThreadingTest {
    private final List<ThreadedMessage> messages = new ArrayList<>();

    /** Message number n (also its place in the mailbox), sent on day n of March unless told otherwise. */
    private void message(long n, String id, String subject, String... references) {
        message(n, n, id, subject, references);
    }

    private void message(long n, long day, String id, String subject, String... references) {
        BaseSubject base = BaseSubject.of(subject);
        messages.add(new ThreadedMessage(n, n, Optional.ofNullable(id), List.of(references), base.threadKey(),
                base.replyOrForward(), Instant.parse("2026-03-%02dT10:00:00Z".formatted(day))));
    }

    private String references() {
        return new ThreadResponse(Threading.thread(ThreadAlgorithm.REFERENCES, messages)).threadLists();
    }

    private String orderedSubject() {
        return new ThreadResponse(Threading.thread(ThreadAlgorithm.ORDEREDSUBJECT, messages)).threadLists();
    }

    @Test
    void aChainOfRepliesIsOneLine() {
        message(1, "a", "plan");
        message(2, "b", "Re: plan", "a");
        message(3, "c", "Re: plan", "a", "b");
        assertThat(references()).isEqualTo("(1 2 3)");
    }

    @Test
    void severalRepliesToOneMessageAreNested() {
        message(1, "a", "plan");
        message(2, "b", "Re: plan", "a");
        message(3, "c", "Re: plan", "a");
        message(4, "d", "Re: plan", "a", "c");
        message(5, "e", "other");
        assertThat(references()).isEqualTo("(1 (2)(3 4))(5)");
    }

    @Test
    void aMissingParentOfSeveralRepliesStaysAsAnEmptyPlaceholderAtTheRoot() {
        message(1, "b", "Re: gone", "x");
        message(2, "c", "Re: gone", "x");
        message(3, "d", "Re: alone", "y");
        assertThat(references()).isEqualTo("((1)(2))(3)");
    }

    @Test
    void aMissingMessageInsideAThreadIsLeftOut() {
        message(1, "a", "plan");
        message(2, "c", "Re: plan", "a", "missing");
        assertThat(references()).isEqualTo("(1 2)");
    }

    @Test
    void aReplyWithoutReferencesJoinsItsSubjectsThread() {
        message(1, "a", "Budget 2026");
        message(2, "b", "Re: Budget 2026");
        message(3, "c", "Fwd: Budget 2026");
        message(4, "d", "Budget 2027");
        assertThat(references()).isEqualTo("(1 (2)(3))(4)");
    }

    @Test
    void twoOriginalsWithOneSubjectShareAPlaceholder() {
        message(1, "a", "Lunch");
        message(2, "b", "Lunch");
        assertThat(references()).isEqualTo("((1)(2))");
    }

    @Test
    void rootsAndRepliesAreInSentDateOrderNotMailboxOrder() {
        message(1, 5, "a", "late");
        message(2, 1, "b", "early");
        message(3, 9, "c", "Re: early", "b");
        message(4, 2, "d", "Re: early", "b");
        assertThat(references()).isEqualTo("(2 (4)(3))(1)");
    }

    @Test
    void loopsAndDuplicateIdsLoseNoMessage() {
        message(1, "a", "one", "b");
        message(2, "b", "two", "a");
        message(3, "a", "three");
        message(4, null, "four");
        String threads = references();
        for (String n : List.of("1", "2", "3", "4")) {
            assertThat(threads).containsPattern("[( ]" + n + "[) ]");
        }
    }

    @Test
    void orderedSubjectHangsEveryMessageOfASubjectOnItsFirst() {
        message(1, 3, "a", "Re: agenda");
        message(2, 1, "b", "agenda");
        message(3, 2, "c", "minutes");
        message(4, 4, "d", "[team] Re: Agenda");
        message(5, 5, "e", "Re: minutes");
        assertThat(orderedSubject()).isEqualTo("(2 (1)(4))(3 5)");
    }

    @Test
    void theRfcExampleIsWrittenAsTheRfcWritesIt() {
        ThreadNode nested = ThreadNode.of(3, ThreadNode.of(6, ThreadNode.of(4, ThreadNode.of(23)),
                ThreadNode.of(44, ThreadNode.of(7, ThreadNode.of(96)))));
        assertThat(new ThreadResponse(List.of(ThreadNode.of(2), nested)).threadLists())
                .isEqualTo("(2)(3 6 (4 23)(44 7 96))");
        assertThat(new ThreadResponse(List.of(ThreadNode.placeholder(ThreadNode.of(1), ThreadNode.of(2)))).threadLists())
                .isEqualTo("((1)(2))");
        assertThat(new ThreadResponse(List.of()).threadLists()).isEmpty();
    }

    @Test
    void subjectsAreReadAsTheyWereWritten() {
        String raw = new String("Re: Plan déménagement".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(ThreadedMessages.decode(raw)).isEqualTo("Re: Plan déménagement");
        assertThat(ThreadedMessages.decode("=?UTF-8?Q?Plan_d=C3=A9m=C3=A9nagement?=\r\n =?UTF-8?Q?_final?="))
                .isEqualTo("Plan déménagement final");
        assertThat(ThreadedMessages.decode("caf\u00e9 in Latin-1")).isEqualTo("caf\u00e9 in Latin-1");
    }

    @Test
    void referencesFallBackToTheFirstInReplyTo() {
        assertThat(ThreadedMessages.referencesOf("<a@x> <b@x>\r\n <c@x>", "<z@x>")).containsExactly("a@x", "b@x", "c@x");
        assertThat(ThreadedMessages.referencesOf(null, "<z@x> <y@x>")).containsExactly("z@x");
        assertThat(ThreadedMessages.referencesOf("garbage", "no id")).isEmpty();
    }

    /** Message n of a long discussion, sent n minutes after the first. */
    private void longDiscussionMessage(long n, String subject, String... references) {
        BaseSubject base = BaseSubject.of(subject);
        messages.add(new ThreadedMessage(n, n, Optional.of("m" + n), List.of(references), base.threadKey(),
                base.replyOrForward(), Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60 * n)));
    }

    @Test
    void aChainOfTwentyThousandRepliesNeedsNoDeepStack() {
        int length = 20_000;
        longDiscussionMessage(1, "endless");
        for (int n = 2; n <= length; n++) {
            longDiscussionMessage(n, "Re: endless", "m" + (n - 1));
        }
        StringBuilder expected = new StringBuilder("(1");
        for (int n = 2; n <= length; n++) {
            expected.append(' ').append(n);
        }
        assertThat(references()).isEqualTo(expected.append(')').toString());
    }

    @Test
    void tenThousandNestedBranchesAreWrittenWithoutRecursion() {
        // message 2k+1 has two replies: 2k+2 (no reply) and 2k+3 (which has two replies), and so on
        int levels = 10_000;
        longDiscussionMessage(1, "deep");
        for (int k = 0; k < levels; k++) {
            longDiscussionMessage(2L * k + 2, "Re: deep", "m" + (2 * k + 1));
            longDiscussionMessage(2L * k + 3, "Re: deep", "m" + (2 * k + 1));
        }
        StringBuilder expected = new StringBuilder("(1");
        for (int k = 0; k < levels; k++) {
            expected.append(" (").append(2 * k + 2).append(")(").append(2 * k + 3);
        }
        expected.append(")".repeat(levels)).append(')');
        assertThat(references()).isEqualTo(expected.toString());
    }
}
