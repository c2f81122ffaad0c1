package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The store's quick reads (what STATUS, SELECT, LSUB and GETMETADATA ask) answer on the thread that subscribes, the
 * IMAP connection's own, instead of going through James's bounded-elastic pool and back: that round trip cost more
 * than the query. Each read is also checked for its value, so an override that answers wrongly fails here too.
 */
class StoreReadsOnCallerThreadTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    private static final Username ALICE = Username.of("alice@example.org");

    /** The thread that saw {@code publisher} complete (every element, then completion, come on one thread). */
    private static Thread completedOn(Publisher<?> publisher) {
        return Flux.from(publisher).then(Mono.fromCallable(Thread::currentThread)).block();
    }

    private static <T> T valueOnCallerThread(Mono<T> read) {
        Thread caller = Thread.currentThread();
        assertThat(completedOn(read)).isSameAs(caller);
        return read.block();
    }

    private static <T> List<T> valuesOnCallerThread(Publisher<T> read) {
        Thread caller = Thread.currentThread();
        assertThat(completedOn(read)).isSameAs(caller);
        return Flux.from(read).collectList().block();
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
        assertThat(valueOnCallerThread(mapper.findRecentMessageUidsInMailboxReactive(inbox))).containsExactly(first);
        assertThat(valuesOnCallerThread(mapper.retrieveMessagesMarkedForDeletionReactive(inbox, MessageRange.all()))).containsExactly(first);
        assertThat(valuesOnCallerThread(mapper.retrieveMessagesMarkedForDeletionReactive(inbox, MessageRange.one(second)))).isEmpty();

        assertThat(valueOnCallerThread(STORE.factory().getUidProvider().lastUidReactive(inbox))).contains(second);
        assertThat(valueOnCallerThread(STORE.factory().getModSeqProvider().highestModSeqReactive(inbox)))
                .isEqualTo(mapper.getHighestModSeq(inbox));
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
        assertThat(valueOnCallerThread(Mono.from(annotations.existReactive(inbox.getMailboxId(), away)))).isTrue();
        assertThat(valueOnCallerThread(Mono.from(annotations.countAnnotationsReactive(inbox.getMailboxId())))).isEqualTo(1);
    }
}
