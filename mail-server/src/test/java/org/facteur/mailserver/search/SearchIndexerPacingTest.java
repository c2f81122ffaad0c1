package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.TestId;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing thread follows {@link IndexPacing} (whose rule {@code IndexPacingTest} covers): on a clock the test
 * holds still, work queued by mailbox changes waits however long real time passes, a waiting search has it taken at
 * once, and it is taken when the mailboxes stay unchanged long enough or when the oldest work has waited the longest
 * lag. Expunges are the work here: they touch only the index, not the store.
 */
class SearchIndexerPacingTest {
    private static final MailboxId BOX = TestId.of(7);

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private MessageIndex index;
    private SearchIndexer indexer;

    @BeforeEach
    void start() throws Exception {
        index = new MessageIndex(dir);
        indexer = new SearchIndexer(index, null, new SessionProviderImpl(null, null), true, clock::get);
        // The burst's first change, queued before the thread runs: an idle thread takes a change at once (a quiet
        // server indexes each message as it comes); the pacing applies to what queues up behind it.
        expunge(1);
        indexer.start();
    }

    @AfterEach
    void stop() throws Exception {
        indexer.stop();
        index.close();
    }

    private void expunge(long uid) {
        indexer.enqueueChange(new SearchIndexer.Remove(BOX, List.of(MessageUid.of(uid))));
    }

    @Test
    void workQueuedDuringABurstWaitsUntilASearchAsksForIt() throws Exception {
        Thread.sleep(1_500); // real time passes; on the pacing's clock the change is still "just now"
        assertThat(indexer.busy(BOX)).as("deferred while the mailboxes keep changing").isTrue();

        long asked = System.nanoTime();
        assertThat(indexer.awaitIdle(10_000)).isTrue();
        assertThat(indexer.busy(BOX)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("taken at once for the search, not after a pause")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void workIsTakenOnceTheMailboxesStayUnchanged() throws Exception {
        Thread.sleep(700);
        assertThat(indexer.busy(BOX)).isTrue();
        clock.addAndGet(IndexPacing.QUIET_MS); // no change for the quiet time
        await().atMost(Duration.ofSeconds(10)).until(() -> !indexer.busy(BOX));
    }

    @Test
    void aBurstThatGoesOnIsIndexedAfterTheLongestLag() throws Exception {
        long start = clock.get();
        for (long t = IndexPacing.QUIET_MS / 2; t < IndexPacing.MAX_LAG_MS; t += IndexPacing.QUIET_MS / 2) {
            clock.set(start + t);
            expunge(2 + t); // a change before the quiet time is over, all along
        }
        Thread.sleep(700);
        assertThat(indexer.busy(BOX)).as("the last change is less than the quiet time ago, the oldest under the lag")
                .isTrue();
        clock.set(start + IndexPacing.MAX_LAG_MS);
        expunge(1_000_000); // still changing: only the lag makes the thread take the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> !indexer.busy(BOX));
    }
}
