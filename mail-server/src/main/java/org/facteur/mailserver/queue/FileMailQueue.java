package org.facteur.mailserver.queue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.queue.api.MailPrioritySupport;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * A durable mail queue in one directory: each queued mail is one file ({@link QueuedMailFormat}) written to a
 * temporary name, forced to disk, renamed into place and its directory forced, all before {@code enQueue} returns
 * (so before SMTP answers 250). The order lives in memory (ready mail by priority, then arrival; delayed mail by
 * due time) and is rebuilt from the files' envelopes when the queue is opened again. Taking a mail reads its file;
 * done with SUCCESS deletes it, RETRY gives it back at its place (after {@value #RETRIES_AT_ONCE} in a row, after a
 * delay doubling from a second up to an hour, kept in memory only), REJECT gives it back after such a delay at once
 * (James's JMS queue took rejected mail again too). A file that is not a queued mail moves to {@code unreadable/}
 * (logged, never taken again); one that cannot be read for now (an I/O error) is tried again after a delay. A mail
 * taken but not done when the process dies is in its file and is taken again after the restart: delivery is at least
 * once, as with James's JMS queue.
 */
public final class FileMailQueue implements ManageableMailQueue {
    static final int NORMAL_PRIORITY = MailPrioritySupport.NORMAL_PRIORITY;
    /** How a queued mail's file name ends. */
    public static final String SUFFIX = ".mail";
    static final String TEMP_PREFIX = ".tmp-";

    /** The name of the queued mail of sequence number {@code seq}: zero-padded, so names sort in queue order. */
    static String fileName(long seq) {
        return String.format("%019d%s", seq, SUFFIX);
    }

    /** The sequence number a queued mail's file name holds; {@link NumberFormatException} for any other name. */
    static long sequenceOf(String fileName) {
        return Long.parseLong(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }
    private static final Logger LOG = LoggerFactory.getLogger(FileMailQueue.class);
    private static final Comparator<Entry> READY_ORDER =
            Comparator.comparingInt((Entry e) -> -e.priority).thenComparingLong(e -> e.seq);
    private static final Comparator<Entry> DUE_ORDER =
            Comparator.comparingLong((Entry e) -> e.due).thenComparingLong(e -> e.seq);
    private static final long LONGEST_SLEEP_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** A mail given back (RETRY) is taken again at once this many times in a row, then after 1 s, 2 s, 4 s... */
    static final int RETRIES_AT_ONCE = 10;

    private final MailQueueName name;
    private final Path directory;
    private final MetricFactory metrics;
    private final Metric enqueuedCount;
    private final Metric dequeuedCount;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Entry> ready = new TreeSet<>(READY_ORDER);
    private final TreeSet<Entry> delayed = new TreeSet<>(DUE_ORDER);
    private final Set<Entry> taken = new HashSet<>();
    private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence;
    private final Flux<MailQueueItem> dequeue;
    private volatile boolean disposed;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt = Long.MAX_VALUE;

    /** Opens the queue in {@code directory}, taking in every mail a previous process left there. */
    FileMailQueue(MailQueueName name, Path directory, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                  GaugeRegistry gauges, Clock clock, ScheduledExecutorService timer) throws IOException {
        this.name = name;
        this.directory = Files.createDirectories(directory).toAbsolutePath();
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
        this.enqueuedCount = metrics.generate(ENQUEUED_METRIC_NAME_PREFIX + name.asString());
        this.dequeuedCount = metrics.generate(DEQUEUED_METRIC_NAME_PREFIX + name.asString());
        this.sequence = new AtomicLong(Math.max(recover(), clock.millis() * 1000));
        gauges.register(QUEUE_SIZE_METRIC_NAME_PREFIX + name.asString(), this::size);
        this.dequeue = Flux.<Item>create(sink -> {
                    Consumer consumer = new Consumer(sink);
                    consumers.add(consumer);
                    sink.onRequest(n -> drain(consumer));
                    sink.onDispose(() -> consumers.remove(consumer));
                }, FluxSink.OverflowStrategy.BUFFER)
                .doOnDiscard(Item.class, Item::giveBack)
                .map(item -> decorators.decorate(item, name));
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        long now = clock.millis();
        long due = delay.isNegative() ? now : dueAfter(now, delay);
        int priority = priority(mail);
        long seq = sequence.incrementAndGet();
        Path file = directory.resolve(fileName(seq));
        TimeMetric time = metrics.timer(ENQUEUED_TIMER_METRIC_NAME_PREFIX + name.asString());
        try {
            writeDurably(file, mail, due, priority);
        } catch (IOException | MessagingException | RuntimeException e) {
            throw new MailQueueException("Unable to enqueue mail " + mail.getName() + " in queue " + name.asString()
                    + ": " + e.getMessage(), e);
        } finally {
            time.stopAndPublish();
        }
        enqueuedCount.increment();
        add(new Entry(seq, file, due, priority, mail.getName(), mail.getMaybeSender().asString(),
                mail.getRecipients().stream().map(r -> r.asString()).toList()));
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.fromRunnable(() -> {
            try {
                enQueue(mail);
            } catch (MailQueueException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return dequeue;
    }

    @Override
    public long getSize() {
        return size();
    }

    private long size() {
        lock.lock();
        try {
            return ready.size() + delayed.size() + taken.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long flush() {
        long now = clock.millis();
        int flushed;
        lock.lock();
        try {
            List<Entry> due = new ArrayList<>(delayed);
            delayed.clear();
            flushed = due.size();
            for (Entry e : due) {
                e.due = now;
                ready.add(e);
            }
        } finally {
            lock.unlock();
        }
        drainAll();
        return flushed;
    }

    @Override
    public long clear() {
        return removeWaiting(e -> true);
    }

    @Override
    public long remove(Type type, String value) {
        return removeWaiting(switch (type) {
            case Name -> e -> e.name.equals(value);
            case Sender -> e -> e.sender.equals(value);
            case Recipient -> e -> e.recipients.contains(value);
        });
    }

    @Override
    public MailQueueIterator browse() {
        List<Entry> waiting = new ArrayList<>();
        lock.lock();
        try {
            waiting.addAll(ready);
            waiting.addAll(delayed);
        } finally {
            lock.unlock();
        }
        Iterator<Entry> entries = waiting.iterator();
        return new MailQueueIterator() {
            private MailQueueItemView next;

            @Override
            public boolean hasNext() {
                while (next == null && entries.hasNext()) {
                    Entry e = entries.next();
                    read(e).ifPresent(mail -> next = new DefaultMailQueueItemView(mail,
                            ZonedDateTime.ofInstant(Instant.ofEpochMilli(e.due), ZoneOffset.UTC)));
                }
                return next != null;
            }

            @Override
            public MailQueueItemView next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MailQueueItemView view = next;
                next = null;
                return view;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Shared by the spooler, the mailet context and remote delivery, which all close it: nothing to release here. */
    @Override
    public void close() {
    }

    /** Ends every consumer's stream (the server is stopping); queued mail stays in its files. */
    void dispose() {
        disposed = true;
        consumers.forEach(c -> c.sink.complete());
        consumers.clear();
        lock.lock();
        try {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private static long dueAfter(long now, Duration delay) {
        try {
            return Math.addExact(now, delay.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** James's priority attribute, as its JMS queue reads it: 0 to 9, anything else not a number counts as normal. */
    private static int priority(Mail mail) {
        return mail.getAttribute(MailPrioritySupport.MAIL_PRIORITY)
                .map(Attribute::getValue)
                .map(v -> v.getValue())
                .filter(Integer.class::isInstance)
                .map(v -> Math.max(MailPrioritySupport.LOW_PRIORITY, Math.min(MailPrioritySupport.HIGH_PRIORITY, (Integer) v)))
                .orElse(NORMAL_PRIORITY);
    }

    private void writeDurably(Path file, Mail mail, long due, int priority) throws IOException, MessagingException {
        Path temp = directory.resolve(TEMP_PREFIX + file.getFileName());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024)) {
            QueuedMailFormat.write(mail, due, priority, out);
            out.flush();
            channel.force(true);
        } catch (IOException | MessagingException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("The queue directory does not support atomic renames: " + directory, e);
        }
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the rename is then as durable as they allow.
            LOG.debug("Could not force directory {}: {}", directory, e.getMessage());
        }
    }

    /** Takes in the files a previous process left; returns the highest sequence number found. */
    private long recover() throws IOException {
        long highest = 0;
        long now = clock.millis();
        int recovered = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(TEMP_PREFIX)) {
                    // Never renamed into place: its enQueue failed or the process died before it returned.
                    Files.deleteIfExists(file);
                    continue;
                }
                if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(file)) {
                    continue;
                }
                long seq;
                QueuedMailFormat.Envelope envelope;
                try (InputStream in = Files.newInputStream(file)) {
                    seq = sequenceOf(fileName);
                    highest = Math.max(highest, seq);
                    envelope = QueuedMailFormat.readEnvelope(in);
                } catch (QueuedMailFormat.NotAQueuedMail | NumberFormatException e) {
                    setAside(file, "unreadable", e);
                    continue;
                } catch (IOException e) {
                    LOG.error("Mail queue {}: could not read {} ({}); it stays in place for the next start",
                            name.asString(), file, e.toString());
                    continue;
                }
                Entry entry = new Entry(seq, file, envelope.dueMillis(), envelope.priority(), envelope.name(),
                        envelope.sender() == null ? MaybeSender.nullSender().asString() : envelope.sender(),
                        envelope.recipients());
                (entry.due <= now ? ready : delayed).add(entry);
                recovered++;
            }
        }
        if (recovered > 0) {
            LOG.info("Mail queue {}: {} mail(s) waiting from before the restart", name.asString(), recovered);
            lock.lock();
            try {
                scheduleWakeUp(now);
            } finally {
                lock.unlock();
            }
        }
        return highest;
    }

    /** Takes in a mail whose file is written: from here on nothing may fail its enQueue (the mail is queued). */
    private void add(Entry entry) {
        lock.lock();
        try {
            long now = clock.millis();
            if (entry.due <= now) {
                ready.add(entry);
            } else {
                delayed.add(entry);
                scheduleWakeUp(now);
            }
        } finally {
            lock.unlock();
        }
        drainAll();
    }

    private long removeWaiting(Predicate<Entry> which) {
        List<Entry> removed = new ArrayList<>();
        lock.lock();
        try {
            for (TreeSet<Entry> set : List.of(ready, delayed)) {
                for (Iterator<Entry> it = set.iterator(); it.hasNext(); ) {
                    Entry e = it.next();
                    if (which.test(e)) {
                        it.remove();
                        removed.add(e);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        for (Entry e : removed) {
            try {
                Files.deleteIfExists(e.file);
            } catch (IOException ex) {
                LOG.warn("Mail queue {}: could not delete {} after removing it: {}", name.asString(), e.file, ex.toString());
            }
        }
        return removed.size();
    }

    /** Moves due delayed mail to the ready set and plans the next wake-up; the lock is held. */
    private void promoteDue(long now) {
        while (!delayed.isEmpty() && delayed.first().due <= now) {
            ready.add(delayed.pollFirst());
        }
    }

    private void scheduleWakeUp(long now) {
        if (delayed.isEmpty()) {
            return;
        }
        long at = delayed.first().due;
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAt <= at) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        if (timer.isShutdown()) {
            return; // stopping: delayed mail stays in its file for the next start
        }
        long sleep = Math.min(Math.max(0, at - now), LONGEST_SLEEP_MILLIS);
        wakeUpAt = sleep == LONGEST_SLEEP_MILLIS ? now + sleep : at;
        try {
            wakeUp = timer.schedule(this::wakeUp, sleep, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            wakeUp = null; // shut down meanwhile, as above
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            long now = clock.millis();
            promoteDue(now);
            wakeUp = null;
            wakeUpAt = Long.MAX_VALUE;
            scheduleWakeUp(now);
        } finally {
            lock.unlock();
        }
        drainAll();
    }

    private void drainAll() {
        consumers.forEach(this::drain);
    }

    /** Hands ready mail to one consumer while it asks for more; one thread at a time per consumer. */
    private void drain(Consumer consumer) {
        if (disposed || consumer.wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        try {
            do {
                while (!disposed && !consumer.sink.isCancelled() && consumer.sink.requestedFromDownstream() > 0) {
                    Item item = takeNext();
                    if (item == null) {
                        break;
                    }
                    consumer.sink.next(item);
                }
                missed = consumer.wip.addAndGet(-missed);
            } while (missed != 0);
        } catch (RuntimeException | Error e) {
            consumer.wip.set(0);
            LOG.error("Mail queue {}: handing mail to a consumer failed; tried again in a second", name.asString(), e);
            if (!timer.isShutdown()) {
                try {
                    timer.schedule(() -> drain(consumer), 1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // stopping: the mail stays in its file
                }
            }
        }
    }

    private Item takeNext() {
        while (true) {
            Entry entry;
            lock.lock();
            try {
                promoteDue(clock.millis());
                entry = ready.pollFirst();
                if (entry == null) {
                    return null;
                }
                taken.add(entry);
            } finally {
                lock.unlock();
            }
            Mail mail;
            try {
                mail = readOrSetAside(entry);
            } catch (IOException | Error e) {
                LOG.warn("Mail queue {}: could not read {} ({}); it is taken again after a delay", name.asString(),
                        entry.file, e.toString());
                giveBack(entry, true);
                continue;
            }
            if (mail != null) {
                dequeuedCount.increment();
                return new Item(entry, mail);
            }
            forget(entry);
        }
    }

    /** For browse: the mail of a queued file, empty when it cannot be read now (see {@link #readOrSetAside}). */
    private Optional<Mail> read(Entry entry) {
        try {
            return Optional.ofNullable(readOrSetAside(entry));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The mail of a queued file; null when the file is gone, or is not a queued mail (then it is moved to
     * {@code unreadable/}). An I/O error (the file may be fine) is thrown: the mail stays queued.
     */
    private Mail readOrSetAside(Entry entry) throws IOException {
        try {
            return QueuedMailFormat.read(Files.readAllBytes(entry.file), entry.file.toString());
        } catch (NoSuchFileException e) {
            return null;
        } catch (QueuedMailFormat.NotAQueuedMail | MessagingException | RuntimeException e) {
            setAside(entry.file, "unreadable", e);
            return null;
        }
    }

    private void setAside(Path file, String where, Exception why) {
        try {
            Path dir = Files.createDirectories(directory.resolve(where));
            Path target = dir.resolve(file.getFileName());
            if (Files.exists(target)) {
                target = dir.resolve(file.getFileName() + "." + System.currentTimeMillis());
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.error("Mail queue {}: {} moved to {}/ ({}); it will not be taken again", name.asString(),
                    file.getFileName(), where, why.toString());
        } catch (IOException e) {
            LOG.error("Mail queue {}: {} could not be moved to {}/ ({}), after {}", name.asString(), file, where, e,
                    why.toString());
        }
    }

    private void done(Entry entry, MailQueueItem.CompletionStatus status) {
        switch (status) {
            case SUCCESS -> {
                try {
                    Files.deleteIfExists(entry.file);
                } catch (IOException e) {
                    LOG.warn("Mail queue {}: could not delete {} once done: {}", name.asString(), entry.file, e.toString());
                }
                forget(entry);
            }
            case RETRY, REJECT -> {
                if (status == MailQueueItem.CompletionStatus.REJECT) {
                    // James's spooler rejects when its own error handling failed (error repository, re-enqueue):
                    // James's JMS queue took such mail again, so does this one, after a delay.
                    LOG.warn("Mail queue {}: {} was rejected by its consumer; it is taken again after a delay",
                            name.asString(), entry.name);
                }
                giveBack(entry, status == MailQueueItem.CompletionStatus.REJECT);
                drainAll();
            }
        }
    }

    /**
     * Puts a taken mail back: at its place, unless it came back {@value #RETRIES_AT_ONCE} times in a row or
     * {@code later}; then after a delay doubling from a second up to an hour (in memory only).
     */
    private void giveBack(Entry entry, boolean later) {
        lock.lock();
        try {
            taken.remove(entry);
            if (later) {
                entry.retries = Math.max(entry.retries, RETRIES_AT_ONCE);
            }
            entry.retries++;
            if (entry.retries <= RETRIES_AT_ONCE) {
                ready.add(entry);
            } else {
                // A mail given back again and again (a consumer failing on it each time) would keep a core busy.
                long now = clock.millis();
                entry.due = now + Math.min(LONGEST_SLEEP_MILLIS,
                        1000L << Math.min(20, entry.retries - RETRIES_AT_ONCE - 1));
                delayed.add(entry);
                scheduleWakeUp(now);
                if (entry.retries == RETRIES_AT_ONCE + 1 && !later) {
                    LOG.warn("Mail queue {}: {} was given back {} times in a row; it is now taken again after a"
                            + " growing delay (up to an hour)", name.asString(), entry.name, entry.retries);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void forget(Entry entry) {
        lock.lock();
        try {
            taken.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /** One queued mail as the queue orders and finds it; {@code due} changes on flush and on repeated RETRY. */
    private static final class Entry {
        final long seq;
        final Path file;
        final int priority;
        final String name;
        final String sender;
        final List<String> recipients;
        long due;
        int retries;

        Entry(long seq, Path file, long due, int priority, String name, String sender, List<String> recipients) {
            this.seq = seq;
            this.file = file;
            this.due = due;
            this.priority = priority;
            this.name = name;
            this.sender = sender;
            this.recipients = recipients;
        }
    }

    private static final class Consumer {
        final FluxSink<Item> sink;
        final AtomicInteger wip = new AtomicInteger();

        Consumer(FluxSink<Item> sink) {
            this.sink = sink;
        }
    }

    /** A taken mail; done once (a second call changes nothing), given back when dropped before anyone saw it. */
    private final class Item implements MailQueueItem {
        private final Entry entry;
        private final Mail mail;
        private final AtomicBoolean done = new AtomicBoolean();

        Item(Entry entry, Mail mail) {
            this.entry = entry;
            this.mail = mail;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) {
            if (done.compareAndSet(false, true)) {
                FileMailQueue.this.done(entry, status);
            }
        }

        void giveBack() {
            done(CompletionStatus.RETRY);
        }
    }
}
