package org.facteur.webmail.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Conversations paged newest first, a page being a number of conversations whatever their sizes. */
class ThreadPageTest {

    private static List<Long> newest(ThreadPage page) {
        return page.threads().stream().map(MessageThread::newestUid).toList();
    }

    @Test
    void theConversationWithTheLastArrivedMessageComesFirst() {
        // the server orders threads by their first message; a reply arriving later moves its conversation up
        List<MessageThread> threads = ThreadListParser.parse("(1 (5)(3 9))(2 7)((4)(6))(8)");
        ThreadPage page = ThreadPage.of(threads, 1, 50);
        assertThat(newest(page)).containsExactly(9L, 8L, 7L, 6L);
        assertThat(page.threads().get(0).firstUid()).isEqualTo(1);
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.pageCount()).isEqualTo(1);
    }

    @Test
    void aPageIsNConversationsHoweverManyMessagesTheyHold() {
        List<MessageThread> threads = new ArrayList<>();
        long uid = 1;
        for (int t = 0; t < 7; t++) {
            List<ThreadedMessage> messages = new ArrayList<>();
            for (int i = 0; i <= t; i++) {
                messages.add(new ThreadedMessage(uid++, i));
            }
            threads.add(new MessageThread(messages));
        }
        // 28 messages in 7 conversations; the largest (7 messages) arrived last
        ThreadPage first = ThreadPage.of(threads, 1, 3);
        assertThat(first.threads()).extracting(MessageThread::size).containsExactly(7, 6, 5);
        assertThat(first.uids()).hasSize(18);
        assertThat(first.pageCount()).isEqualTo(3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(ThreadPage.of(threads, 2, 3).threads()).extracting(MessageThread::size).containsExactly(4, 3, 2);
        ThreadPage last = ThreadPage.of(threads, 3, 3);
        assertThat(last.threads()).extracting(MessageThread::size).containsExactly(1);
        assertThat(last.uids()).containsExactly(1L);
    }

    @Test
    void pagesOutOfRangeAreTheFirstOrTheLast() {
        List<MessageThread> threads = ThreadListParser.parse("(1)(2)(3)");
        assertThat(ThreadPage.of(threads, 0, 2).page()).isEqualTo(1);
        assertThat(ThreadPage.of(threads, -5, 2).page()).isEqualTo(1);
        ThreadPage beyond = ThreadPage.of(threads, 99, 2);
        assertThat(beyond.page()).isEqualTo(2);
        assertThat(newest(beyond)).containsExactly(1L);
        ThreadPage none = ThreadPage.of(List.of(), 3, 2);
        assertThat(none.page()).isEqualTo(1);
        assertThat(none.pageCount()).isEqualTo(1);
        assertThat(none.threads()).isEmpty();
        assertThatThrownBy(() -> ThreadPage.of(threads, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
