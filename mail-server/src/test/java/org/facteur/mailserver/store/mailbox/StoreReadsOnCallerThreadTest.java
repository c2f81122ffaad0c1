package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The store's quick reads (what STATUS, SELECT, LSUB and GETMETADATA ask) answer on the thread that subscribes, the
 * IMAP connection's own, instead of going through James's bounded-elastic pool: that hand-over cost more than the
 * query. Lists that grow with the mailbox and every write stay on the pool, so no event loop waits for a commit.
 * Each read is also checked for its value, so an override that answers wrongly fails here too.
 */
class StoreReadsOnCallerThreadTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    private static final Username ALICE = Username.of("alice@example.org");

    /** What {@code publisher} gave, and the thread that saw it complete (elements and completion come on one thread). */
    private record Answer<T>(List<T> values, Thread completedOn) {
        static <T> Answer<T> of(Publisher<T> publisher) {
            List<Object> seen = Flux.from(publisher).<Object>map(value -> value)
                    .concatWith(Mono.fromCallable(Thread::currentThread)).collectList().block();
            @SuppressWarnings("unchecked")
            List<T> values = (List<T>) seen.subList(0, seen.size() - 1);
            return new Answer<>(values, (Thread) seen.get(seen.size() - 1));
        }
    }

    private static <T> List<T> valuesOnCallerThread(Publisher<T> read) {
        Answer<T> answer = Answer.of(read);
        assertThat(answer.completedOn()).isSameAs(Thread.currentThread());
        return answer.values();
    }

    private static <T> T valueOnCallerThread(Publisher<T> read) {
        return assertThat(valuesOnCallerThread(read)).hasSize(1).actual().get(0);
    }

    private static <T> List<T> valuesOnAnotherThread(Publisher<T> work) {
        Answer<T> answer = Answer.of(work);
        assertThat(answer.completedOn()).isNotSameAs(Thread.currentThread());
        return answer.values();
    }

    @Test
    void messageMapperReadsAnswerOnTheCallersThread() throws Exception {
        Mailbox inbox = STORE.factory().createMailboxMapper(null).create(MailboxPath.inbox(ALICE), UidValidity.of(7)).block();
        MessageMapper mapper = STORE.factory().createMessageMapper(null);
        Flags recentDeleted = new Flags(Flags.Flag.RECENT);
        recentDeleted.add(Flags.Flag.DELETED);
        recentDeleted.add("$Label1");
        MessageUid first = mapper.add(inbox, MailboxCountersContract.message(inbox, recentDeleted)).getUid();
        MessageUid second = mapper.add(inbox, MailboxCountersContract.message(inbox, new Flags(Flags.Flag.SEEN))).getUid();

        MailboxCounters counters = valueOnCallerThread(mapper.getMailboxCountersReactive(inbox));
        assertThat(counters.getCount()).isEqualTo(2);
        assertThat(counters.getUnseen()).isEqualTo(1);
        assertThat(valueOnCallerThread(mapper.getLastUidReactive(inbox))).contains(second);
        assertThat(valueOnCallerThread(mapper.getHighestModSeqReactive(inbox))).isEqualTo(mapper.getHighestModSeq(inbox));
        assertThat(valueOnCallerThread(mapper.getApplicableFlagReactive(inbox)).contains("$Label1")).isTrue();
        assertThat(valueOnCallerThread(mapper.findFirstUnseenMessageUidReactive(inbox))).isEqualTo(Optional.of(first));
        assertThat(valueOnCallerThread(STORE.factory().getUidProvider().lastUidReactive(inbox))).contains(second);
        assertThat(valueOnCallerThread(STORE.factory().getModSeqProvider().highestModSeqReactive(inbox)))
                .isEqualTo(mapper.getHighestModSeq(inbox));

        Mailbox empty = STORE.factory().createMailboxMapper(null).create(MailboxPath.forUser(ALICE, "Empty"), UidValidity.of(8)).block();
        assertThat(valueOnCallerThread(mapper.getMailboxCountersReactive(empty)).getCount()).isZero();
        assertThat(valueOnCallerThread(mapper.getLastUidReactive(empty))).isEmpty();
        assertThat(valueOnCallerThread(mapper.findFirstUnseenMessageUidReactive(empty))).isEmpty();
        assertThat(valueOnCallerThread(mapper.resetRecentReactive(empty))).as("nothing \\Recent: no commit, no hand-over").isEmpty();
    }

    @Test
    void listsThatGrowAndWritesStayOnJamessPool() throws Exception {
        Mailbox inbox = STORE.factory().createMailboxMapper(null).create(MailboxPath.inbox(ALICE), UidValidity.of(7)).block();
        Mailbox archive = STORE.factory().createMailboxMapper(null).create(MailboxPath.forUser(ALICE, "Archive"), UidValidity.of(9)).block();
        MessageMapper mapper = STORE.factory().createMessageMapper(null);
        Flags recentDeleted = new Flags(Flags.Flag.RECENT);
        recentDeleted.add(Flags.Flag.DELETED);
        MessageUid first = mapper.add(inbox, MailboxCountersContract.message(inbox, recentDeleted)).getUid();
        MessageUid second = mapper.add(inbox, MailboxCountersContract.message(inbox, new Flags())).getUid();
        MessageUid third = mapper.add(inbox, MailboxCountersContract.message(inbox, new Flags())).getUid();

        assertThat(valuesOnAnotherThread(mapper.findRecentMessageUidsInMailboxReactive(inbox)).get(0)).containsExactly(first);
        assertThat(valuesOnAnotherThread(mapper.retrieveMessagesMarkedForDeletionReactive(inbox, MessageRange.all()))).containsExactly(first);
        assertThat(valuesOnAnotherThread(mapper.resetRecentReactive(inbox)).get(0)).hasSize(1);
        assertThat(mapper.findRecentMessageUidsInMailbox(inbox)).isEmpty();
        assertThat(valuesOnAnotherThread(mapper.updateFlagsReactive(inbox,
                new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD), MessageRange.one(second))).get(0)).hasSize(1);
        MailboxMessage secondMessage = mapper.findInMailbox(inbox, MessageRange.one(second), MessageMapper.FetchType.METADATA, 1).next();
        assertThat(valuesOnAnotherThread(mapper.copyReactive(archive, List.of(secondMessage))).get(0)).hasSize(1);
        MailboxMessage thirdMessage = mapper.findInMailbox(inbox, MessageRange.one(third), MessageMapper.FetchType.METADATA, 1).next();
        assertThat(valuesOnAnotherThread(mapper.moveReactive(archive, List.of(thirdMessage))).get(0)).hasSize(1);
        assertThat(valuesOnAnotherThread(mapper.deleteMessagesReactive(inbox, List.of(first))).get(0)).containsOnlyKeys(first);
        assertThat(mapper.getMailboxCounters(inbox).getCount()).isEqualTo(1);
        assertThat(mapper.getMailboxCounters(archive).getCount()).isEqualTo(2);
    }

    @Test
    void subscriptionAndAnnotationReadsAnswerOnTheCallersThread() throws Exception {
        Mailbox inbox = STORE.factory().createMailboxMapper(null).create(MailboxPath.inbox(ALICE), UidValidity.of(7)).block();
        SubscriptionMapper subscriptions = STORE.factory().createSubscriptionMapper(null);
        subscriptions.save(new Subscription(ALICE, "Lists"));
        assertThat(valuesOnCallerThread(subscriptions.findSubscriptionsForUserReactive(ALICE)))
                .extracting(Subscription::getMailbox).containsExactly("Lists");

        AnnotationMapper annotations = STORE.factory().createAnnotationMapper(null);
        MailboxAnnotationKey comment = new MailboxAnnotationKey("/private/comment/away");
        MailboxAnnotation away = MailboxAnnotation.newInstance(comment, "away until Monday");
        annotations.insertAnnotation(inbox.getMailboxId(), away);
        Set<MailboxAnnotationKey> keys = Set.of(comment);
        assertThat(valuesOnCallerThread(annotations.getAllAnnotationsReactive(inbox.getMailboxId()))).containsExactly(away);
        assertThat(valuesOnCallerThread(annotations.getAnnotationsByKeysReactive(inbox.getMailboxId(), keys))).containsExactly(away);
        assertThat(valuesOnCallerThread(annotations.getAnnotationsByKeysWithOneDepthReactive(inbox.getMailboxId(),
                Set.of(new MailboxAnnotationKey("/private/comment"))))).containsExactly(away);
        assertThat(valuesOnCallerThread(annotations.getAnnotationsByKeysWithAllDepthReactive(inbox.getMailboxId(),
                Set.of(new MailboxAnnotationKey("/private/comment"))))).containsExactly(away);
        assertThat(valueOnCallerThread(annotations.existReactive(inbox.getMailboxId(), away))).isTrue();
        assertThat(valueOnCallerThread(annotations.countAnnotationsReactive(inbox.getMailboxId()))).isEqualTo(1);
    }
}
