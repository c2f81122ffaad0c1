package org.facteur.mailserver.store.mailbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.blob.SqlBlobStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * Mailbox store benchmark: appends per second into one mailbox (1 KiB messages, 1 and 8 threads) and into eight
 * mailboxes at once, then, on a mailbox
 * of 10,000 messages, the latency of the counters (STATUS/SELECT), of the first unseen UID (SELECT) and of clearing
 * 10,000 \Recent flags. SQLite with bodies as files, and PostgreSQL with bodies in its blob table, as Facteur runs
 * them. Prints figures; asserts nothing. Run it with {@code ./facteur bench store [--appends N]}.
 */
public final class MailboxStoreBenchmark {
    private static final int BIG = 10_000;
    private static final byte[] KIB = ("Subject: benchmark\r\nFrom: a@example.org\r\n\r\n" + "x".repeat(1024 - 48) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int appends = args.length >= 2 && "--appends".equals(args[0]) ? Integer.parseInt(args[1]) : 2000;
        Path dir = Files.createTempDirectory("facteur-store-bench");
        try (Database sqlite = Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")))) {
            SqlMailboxSessionMapperFactory.migrate(sqlite);
            run("SQLite (WAL, synchronous=FULL), bodies as files", sqlite, new FileBlobStore(dir.resolve("blobs")), appends);
        }
        try (PostgresServer server = PostgresServer.start();
             Database postgres = Database.open(DatabaseSettings.postgresql(server.url(server.newDatabaseName()), server.user(), ""))) {
            SqlMailboxSessionMapperFactory.migrate(postgres);
            run("PostgreSQL (" + (server.shared() ? "the machine's server" : "private server") + "), bodies in the blob table",
                    postgres, SqlBlobStore.migrated(postgres), appends);
        }
    }

    private static void run(String engine, Database database, BlobStore blobs, int appends) throws Exception {
        SqlMailboxSessionMapperFactory factory = new SqlMailboxSessionMapperFactory(database, blobs, Clock.systemUTC());
        MessageMapper messages = factory.createMessageMapper(null);
        System.out.println("== " + engine);
        for (int threads : new int[] {1, 8}) {
            Mailbox mailbox = mailbox(factory, "append-" + threads);
            append(messages, mailbox, 200, threads);
            long start = System.nanoTime();
            append(messages, mailbox, appends, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "appends into one mailbox, %d thread(s): %.0f/s (%d messages in %.1f s)%n",
                    threads, appends / seconds, appends, seconds);
        }
        List<Mailbox> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(mailbox(factory, "parallel-" + i));
        }
        long parallel = System.nanoTime();
        appendEach(messages, eight, appends / 8);
        double parallelSeconds = (System.nanoTime() - parallel) / 1e9;
        System.out.printf(Locale.ROOT, "appends, 8 threads into 8 different mailboxes: %.0f/s (%d messages in %.1f s)%n",
                appends / 8 * 8 / parallelSeconds, appends / 8 * 8, parallelSeconds);
        Mailbox big = mailbox(factory, "big");
        long start = System.nanoTime();
        append(messages, big, BIG, 8);
        System.out.printf(Locale.ROOT, "filled a mailbox with %d recent unseen messages in %.1f s%n", BIG, (System.nanoTime() - start) / 1e9);
        latency("getMailboxCounters on 10,000 messages", 2000, () -> messages.getMailboxCounters(big));
        latency("findFirstUnseenMessageUid on 10,000 unseen", 2000, () -> messages.findFirstUnseenMessageUid(big));
        for (int run = 1; run <= 3; run++) {
            long t = System.nanoTime();
            int cleared = messages.resetRecent(big).size();
            System.out.printf(Locale.ROOT, "resetRecent of %d recent messages (run %d): %.1f ms%n", cleared, run, (System.nanoTime() - t) / 1e6);
            database.inTransaction(c -> {
                Jdbc.update(c, "UPDATE mailbox_message SET is_recent = TRUE WHERE mailbox_id = ?", SqlMailboxId.raw(big.getMailboxId()));
                return Jdbc.update(c, "UPDATE mailbox SET recent = messages WHERE id = ?", SqlMailboxId.raw(big.getMailboxId()));
            });
        }
    }

    private static Mailbox mailbox(SqlMailboxSessionMapperFactory factory, String name) {
        return factory.createMailboxMapper(null).create(MailboxPath.forUser(Username.of("bench@example.org"), name), UidValidity.generate()).block();
    }

    private static void append(MessageMapper messages, Mailbox mailbox, int count, int threads) throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        byte[] bytes = KIB.clone();
                        String unique = Long.toHexString(System.nanoTime());
                        System.arraycopy(unique.getBytes(StandardCharsets.US_ASCII), 0, bytes, 50, unique.length());
                        SqlMessageId id = new SqlMessageId.Factory().generate();
                        messages.add(mailbox, new SimpleMailboxMessage(id, ThreadId.fromBaseMessageId(id), new Date(), bytes.length, 44,
                                new ByteContent(bytes), new Flags(Flags.Flag.RECENT), new PropertyBuilder().build(), mailbox.getMailboxId()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void appendEach(MessageMapper messages, List<Mailbox> mailboxes, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(mailboxes.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Mailbox mailbox : mailboxes) {
                done.add(pool.submit(() -> {
                    append(messages, mailbox, each, 1);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void latency(String what, int calls, Call call) throws Exception {
        for (int i = 0; i < 200; i++) {
            call.run();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms%n", what,
                nanos[calls / 2] / 1e6, nanos[calls * 95 / 100] / 1e6, nanos[calls * 99 / 100] / 1e6);
    }
}
