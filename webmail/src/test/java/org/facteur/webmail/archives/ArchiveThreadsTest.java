package org.facteur.webmail.archives;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.facteur.webmail.archives.ListArchives.PostSummary;
import org.junit.jupiter.api.Test;

class ArchiveThreadsTest {
    private static int minute;

    private static PostSummary post(String id, String messageId, String inReplyTo, String... references) {
        return new PostSummary(id, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * ++minute), messageId, inReplyTo,
                List.of(references), "x", id);
    }

    private static List<List<String>> ids(List<ArchiveThreads.Thread> threads) {
        return threads.stream().map(t -> t.lines().stream().map(l -> l.post().id() + "@" + l.depth()).toList()).toList();
    }

    @Test
    void repliesJoinThePostTheyAnswerIndentedAndThreadsComeNewestActivityFirst() {
        List<PostSummary> posts = List.of(
                post("root", "<r>", ""),
                post("other", "<o>", ""),
                post("reply", "<a>", "<r>", "<r>"),
                post("replyToReply", "<b>", "<a>", "<r>", "<a>"),
                post("secondReply", "<c>", "<r>", "<r>"));
        assertThat(ids(ArchiveThreads.of(posts))).containsExactly(
                List.of("root@0", "reply@1", "replyToReply@2", "secondReply@1"),
                List.of("other@0"));
    }

    @Test
    void postsAnsweringTheSameEarlierMessageShareAThreadAndOnlyInReplyToIsEnough() {
        List<PostSummary> posts = List.of(
                post("first", "<x>", "<last-month>", "<last-month>"),
                post("second", "<y>", "<last-month>", "<last-month>"),
                post("answer", "<z>", "<y>"),
                post("noId", "", "", "<nothing-known>"));
        assertThat(ids(ArchiveThreads.of(posts))).containsExactly(
                List.of("noId@0"),
                List.of("first@0", "second@0", "answer@1"));
    }

    @Test
    void postsWithoutMessageIdStandAlone() {
        List<PostSummary> posts = List.of(post("a", "", ""), post("b", "", ""));
        assertThat(ids(ArchiveThreads.of(posts))).containsExactly(List.of("b@0"), List.of("a@0"));
    }
}
