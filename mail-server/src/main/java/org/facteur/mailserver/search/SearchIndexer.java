package org.facteur.mailserver.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Keeps the index in step with the store, on one background thread, so that no delivery, APPEND, COPY or EXPUNGE
 * waits for Lucene. Mailbox events only queue work; the thread reads the new messages from the store, extracts their
 * text and writes the index in batches, then makes the batch visible to search. At start it compares every mailbox
 * with the index and repairs the difference (a crash loses at most the queue, never a message: search also reads
 * what the index does not have yet straight from the store). During a burst of changes the queued work waits for a
 * pause ({@link IndexPacing}), so that deliveries get the cores first.
 */
final class SearchIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int BATCH = 256;
    private static final int CHUNK = 100;
    private static final long COMMIT_EVERY_MS = 2_000;
    /**
     * How long what was written may wait before search sees it in the index (it is exact meanwhile: it reads those
     * messages from the store). Reopening the index after every small batch was half the indexing thread's CPU in a
     * delivery burst, and each reopen flushed a tiny segment that Lucene then had to merge.
     */
    static final long REFRESH_EVERY_MS = 1_000;

    sealed interface Work permits Add, Remove, DropMailbox, Reconcile, ReconcileAll, Wake {
    }

    /** Nothing to do: wakes the thread so that it makes what was written visible now, for a search waiting on it. */
    record Wake() implements Work {
    }

    record Add(MailboxId mailbox, List<MessageUid> uids) implements Work {
    }

    record Remove(MailboxId mailbox, List<MessageUid> uids) implements Work {
    }

    record DropMailbox(MailboxId mailbox) implements Work {
    }

    record Reconcile(Mailbox mailbox) implements Work {
    }

    record ReconcileAll() implements Work {
    }

    /** {@code at}: when it was queued, in milliseconds of {@link #now()}. */
    private record Queued(long seq, long at, Work work) {
    }

    private final boolean enabled;
    private final MessageIndex index;
    private final MailboxSessionMapperFactory store;
    private final MailboxSession session;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Map<MailboxId, Long> lastQueued = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private long nextSeq;
    /** The last work written to the index, maybe not visible to search yet. */
    private long applied;
    /** The last work visible to search. */
    private volatile long done;
    private final AtomicInteger waiting = new AtomicInteger();
    private final IndexPacing pacing = new IndexPacing();
    private final LongSupplier clock;
    private long lastRefresh = System.currentTimeMillis();
    private volatile boolean running;
    private volatile Thread thread;
    private long lastCommit = System.currentTimeMillis();
    private boolean dirty;

    SearchIndexer(MessageIndex index, MailboxSessionMapperFactory store, SessionProvider sessions, boolean enabled) {
        this(index, store, sessions, enabled, () -> System.nanoTime() / 1_000_000);
    }

    /** With {@code clock} (monotonic milliseconds) for the pacing: a test holds it still or moves it on. */
    SearchIndexer(MessageIndex index, MailboxSessionMapperFactory store, SessionProvider sessions, boolean enabled,
                  LongSupplier clock) {
        this.clock = clock;
        this.enabled = enabled;
        this.index = index;
        this.store = store;
        this.session = sessions.createSystemSession(Username.of("facteur-search-indexer"));
    }

    synchronized void start() {
        if (!enabled) {
            LOG.info("Search indexing is off (FACTEUR_SEARCH_INDEXING=false): text searches read every message from the store;"
                    + " the index catches up at the first start with indexing on");
            return;
        }
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "search-indexer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues work for the indexing thread; with indexing off, nothing is queued (nothing would ever take it). */
    void enqueue(Work work) {
        if (!enabled) {
            return;
        }
        synchronized (queue) {
            long seq = ++nextSeq;
            MailboxId mailbox = mailboxOf(work);
            if (mailbox != null) {
                lastQueued.merge(mailbox, seq, Math::max);
            }
            queue.add(new Queued(seq, now(), work));
        }
    }

    /**
     * Queues the work a mailbox change calls for, and counts the change for the pacing: while changes keep coming,
     * the work waits for a pause (at most {@link IndexPacing#MAX_LAG_MS}).
     */
    void enqueueChange(Work work) {
        pacing.changed(now());
        enqueue(work);
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Has a thread deferring work take it now: someone waits for the index. */
    private void hurry() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** True when work for this mailbox is queued or being done. */
    boolean busy(MailboxId mailbox) {
        return lastQueued.getOrDefault(mailbox, 0L) > done;
    }

    /**
     * Waits until the work queued for this mailbox so far is in the index, at most {@code timeoutMs}; search is
     * exact either way, waiting only spares it reading unindexed messages from the store.
     */
    void await(MailboxId mailbox, long timeoutMs) {
        long target = lastQueued.getOrDefault(mailbox, 0L);
        if (done >= target || !running) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        waiting.incrementAndGet();
        try {
            enqueue(new Wake());
            hurry();
            synchronized (progress) {
                while (done < target && running) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return;
                    }
                    try {
                        progress.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Waits until everything queued so far (and the work it queued in turn) is in the index; false on timeout. */
    boolean awaitIdle(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        waiting.incrementAndGet();
        try {
            enqueue(new Wake());
            hurry();
            return idleBy(deadline);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private boolean idleBy(long deadline) {
        synchronized (progress) {
            while (true) {
                long target;
                synchronized (queue) {
                    target = nextSeq;
                }
                if (done >= target) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static MailboxId mailboxOf(Work work) {
        return switch (work) {
            case Add a -> a.mailbox();
            case Remove r -> r.mailbox();
            case DropMailbox d -> d.mailbox();
            case Reconcile r -> r.mailbox().getMailboxId();
            case ReconcileAll all -> null;
            case Wake wake -> null;
        };
    }

    private void loop() {
        List<Queued> batch = new ArrayList<>();
        while (running) {
            try {
                long now = System.currentTimeMillis();
                long wait = applied > done ? Math.max(1, REFRESH_EVERY_MS - (now - lastRefresh)) : 1_000;
                Queued oldest = queue.peek();
                long defer = pacing.waitBeforeTaking(now(), oldest == null ? null : oldest.at(), waiting.get() > 0);
                Queued first;
                if (defer > 0) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(Math.min(defer, wait)));
                    if (Thread.interrupted()) {
                        break;
                    }
                    first = null;
                } else {
                    first = queue.poll(wait, TimeUnit.MILLISECONDS);
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    long last = batch.get(batch.size() - 1).seq();
                    try {
                        for (Queued q : batch) {
                            apply(q.work());
                        }
                        dirty = true;
                    } finally {
                        applied = last;
                        batch.clear();
                    }
                }
                now = System.currentTimeMillis();
                if (applied > done && (waiting.get() > 0 || now - lastRefresh >= REFRESH_EVERY_MS)) {
                    index.refresh();
                    lastRefresh = now;
                    synchronized (progress) {
                        done = applied;
                        progress.notifyAll();
                    }
                }
                if (dirty && applied == done && (first == null || now - lastCommit > COMMIT_EVERY_MS)) {
                    index.commit();
                    dirty = false;
                    lastCommit = System.currentTimeMillis();
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException | Error e) {
                // The thread must outlive any one message: search reads what it missed from the store meanwhile.
                LOG.warn("Search indexing failed; search reads the messages concerned from the store meanwhile", e);
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void apply(Work work) throws IOException {
        try {
            switch (work) {
                case Add a -> add(a.mailbox(), a.uids());
                case Remove r -> index.delete(r.mailbox().serialize(), r.uids().stream().map(MessageUid::asLong).toList());
                case DropMailbox d -> index.deleteMailbox(d.mailbox().serialize());
                case Reconcile r -> reconcile(r.mailbox());
                case ReconcileAll all -> reconcileAll();
                case Wake wake -> {
                    // only to wake the thread
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            LOG.warn("Search indexing of {} failed; search reads those messages from the store meanwhile", describe(work), e);
        }
    }

    private static String describe(Work work) {
        return switch (work) {
            case Add a -> a.uids().size() + " new message(s) of mailbox " + a.mailbox().serialize();
            case Remove r -> r.uids().size() + " expunged message(s) of mailbox " + r.mailbox().serialize();
            case DropMailbox d -> "deleted mailbox " + d.mailbox().serialize();
            case Reconcile r -> "mailbox " + r.mailbox().getMailboxId().serialize();
            case ReconcileAll all -> "every mailbox";
            case Wake wake -> "nothing";
        };
    }

    private void add(MailboxId id, List<MessageUid> uids) throws Exception {
        // The mapper answers a deleted mailbox with MailboxNotFoundException (James's contract), not with nothing.
        Mailbox mailbox = store.getMailboxMapper(session).findMailboxById(id)
                .onErrorResume(MailboxNotFoundException.class, e -> Mono.empty())
                .blockOptional().orElse(null);
        if (mailbox == null || uids.isEmpty()) {
            return; // deleted meanwhile: its DropMailbox follows
        }
        MessageMapper messages = store.getMessageMapper(session);
        List<MessageUid> sorted = uids.stream().sorted().toList();
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<MessageUid> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            Set<MessageUid> wanted = new HashSet<>(chunk);
            MessageRange range = MessageRange.range(chunk.get(0), chunk.get(chunk.size() - 1));
            Iterator<MailboxMessage> it = messages.findInMailbox(mailbox, range, MessageMapper.FetchType.FULL, -1);
            while (it.hasNext()) {
                MailboxMessage m = it.next();
                if (wanted.contains(m.getUid())) {
                    index.put(id.serialize(), m.getUid().asLong(), m.getMessageId().serialize(), MessageTextExtractor.extract(m.getFullContent()));
                }
            }
        }
    }

    private void reconcile(Mailbox mailbox) throws Exception {
        String id = mailbox.getMailboxId().serialize();
        Set<Long> inStore = new HashSet<>();
        List<MessageUid> missing = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        Iterator<MailboxMessage> it = store.getMessageMapper(session)
                .findInMailbox(mailbox, MessageRange.all(), MessageMapper.FetchType.METADATA, -1);
        try (MessageIndex.View view = index.open(id)) {
            while (it.hasNext()) {
                MailboxMessage m = it.next();
                inStore.add(m.getUid().asLong());
                if (!view.holds(m.getUid().asLong(), m.getMessageId().serialize())) {
                    missing.add(m.getUid());
                }
            }
            view.indexed().stream().filter(uid -> !inStore.contains(uid)).forEach(stale::add);
        }
        index.delete(id, stale);
        missing.sort(null);
        for (int from = 0; from < missing.size(); from += CHUNK) {
            enqueue(new Add(mailbox.getMailboxId(), List.copyOf(missing.subList(from, Math.min(missing.size(), from + CHUNK)))));
        }
        if (!stale.isEmpty() || !missing.isEmpty()) {
            LOG.info("Search index of mailbox {}: {} message(s) to index, {} stale entr(ies) removed", id, missing.size(), stale.size());
        }
    }

    private void reconcileAll() throws Exception {
        List<Mailbox> mailboxes = store.getMailboxMapper(session).list().collectList().block();
        Set<String> known = new HashSet<>();
        for (Mailbox m : mailboxes) {
            known.add(m.getMailboxId().serialize());
            enqueue(new Reconcile(m));
        }
        for (String indexed : index.mailboxes()) {
            if (!known.contains(indexed)) {
                index.deleteMailbox(indexed);
            }
        }
    }
}
