package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.TestId;
import org.apache.james.mailbox.model.TestMessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.junit.jupiter.api.Test;

class FactsCacheTest {
    private static final MessageFacts.Version V1 = new MessageFacts.Version(10, 20, 10);

    private static List<MessageFacts> facts(int n) {
        List<MessageFacts> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            TestMessageId id = TestMessageId.of(i);
            list.add(new MessageFacts(MessageUid.of(i), new Flags(), ModSeq.of(i), 100, new Date(), Optional.empty(), id,
                    ThreadId.fromBaseMessageId(id)));
        }
        return list;
    }

    @Test
    void factsAreReusedOnlyUnderTheVersionTheyWereReadUnder() {
        FactsCache cache = new FactsCache(100);
        List<MessageFacts> read = facts(3);
        cache.put(TestId.of(1), V1, read);
        assertThat(cache.get(TestId.of(1), V1)).isEqualTo(read);
        assertThat(cache.get(TestId.of(1), new MessageFacts.Version(10, 21, 10))).as("a flag changed").isNull();
        assertThat(cache.get(TestId.of(1), new MessageFacts.Version(11, 21, 11))).as("a message arrived").isNull();
        assertThat(cache.get(TestId.of(1), new MessageFacts.Version(10, 21, 9))).as("one was expunged").isNull();
        assertThat(cache.get(TestId.of(2), V1)).as("another mailbox").isNull();
    }

    @Test
    void theLeastRecentlySearchedMailboxesLeaveFirstWhenTooManyMessagesAreHeld() {
        FactsCache cache = new FactsCache(10);
        cache.put(TestId.of(1), V1, facts(4));
        cache.put(TestId.of(2), V1, facts(4));
        assertThat(cache.get(TestId.of(1), V1)).isNotNull(); // 1 is now the most recent
        cache.put(TestId.of(3), V1, facts(4));
        assertThat(cache.get(TestId.of(2), V1)).isNull();
        assertThat(cache.get(TestId.of(1), V1)).isNotNull();
        assertThat(cache.get(TestId.of(3), V1)).isNotNull();
        cache.put(TestId.of(4), V1, facts(11));
        assertThat(cache.get(TestId.of(4), V1)).as("larger than the whole cache: not kept").isNull();
    }
}
