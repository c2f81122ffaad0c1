package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.store.quota.CounterCurrentQuotaManager;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.apache.james.mailbox.model.QuotaRoot;
import org.junit.jupiter.api.Test;

/**
 * The counters kept in the mailbox row (what STATUS, SELECT and quotas read) against the rows themselves, after
 * writers race on one mailbox: from several threads, and from two connection pools on one database (two nodes).
 */
abstract class MailboxCountersContract {
    static final Username ALICE = Username.of("alice@example.org");

    abstract TestStore store();

    Mailbox createMailbox(String name) {
        return store().factory().createMailboxMapper(null).create(MailboxPath.forUser(ALICE, name), UidValidity.of(42)).block();
    }

    static MailboxMessage message(Mailbox mailbox, Flags flags) {
        String text = "Subject: counters " + ThreadLocalRandom.current().nextLong() + "\r\n\r\n" + "x".repeat(ThreadLocalRandom.current().nextInt(10, 1000)) + "\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        SqlMessageId id = new SqlMessageId.Factory().generate();
        return new SimpleMailboxMessage(id, ThreadId.fromBaseMessageId(id), new Date(), bytes.length, text.indexOf("\r\n\r\n") + 4,
                new ByteContent(bytes), flags, new PropertyBuilder().build(), mailbox.getMailboxId());
    }

    /** messages, unseen, recent, deleted, size as kept in the mailbox row. */
    static List<Long> kept(Database database, Mailbox mailbox) {
        return database.read(c -> Jdbc.one(c, "SELECT messages, unseen, recent, deleted, size FROM mailbox WHERE id = ?",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                SqlMailboxId.raw(mailbox.getMailboxId())).orElseThrow());
    }

    /** The same five figures counted from the rows. */
    static List<Long> counted(Database database, Mailbox mailbox) {
        return database.read(c -> Jdbc.one(c, "SELECT COUNT(*), "
                        + "COALESCE(SUM(CASE WHEN mm.is_seen THEN 0 ELSE 1 END), 0), COALESCE(SUM(CASE WHEN mm.is_recent THEN 1 ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN mm.is_deleted THEN 1 ELSE 0 END), 0), COALESCE(SUM(m.size), 0) "
                        + "FROM mailbox_message mm JOIN message m ON m.id = mm.message_id WHERE mm.mailbox_id = ?",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                SqlMailboxId.raw(mailbox.getMailboxId())).orElseThrow());
    }

    static Flags randomFlags() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Flags flags = new Flags();
        if (r.nextBoolean()) {
            flags.add(Flags.Flag.SEEN);
        }
        if (r.nextBoolean()) {
            flags.add(Flags.Flag.RECENT);
        }
        if (r.nextInt(3) == 0) {
            flags.add(Flags.Flag.DELETED);
        }
        if (r.nextInt(4) == 0) {
            flags.add("$label" + r.nextInt(3));
        }
        return flags;
    }

    interface Operation {
        void run(int thread, int step) throws Exception;
    }

    static void race(int threads, int steps, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int s = 0; s < steps; s++) {
                        operation.run(thread, s);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countersStayExactWhileEightThreadsAppendChangeFlagsAndExpunge() throws Exception {
        Mailbox inbox = createMailbox("INBOX");
        MessageMapper mapper = store().factory().createMessageMapper(null);

        race(8, 40, (thread, step) -> {
            switch (step % 5) {
                case 0, 1 -> mapper.add(inbox, message(inbox, randomFlags()));
                case 2 -> {
                    Flags flag = new Flags(List.of(Flags.Flag.SEEN, Flags.Flag.DELETED, Flags.Flag.RECENT, Flags.Flag.FLAGGED)
                            .get(ThreadLocalRandom.current().nextInt(4)));
                    FlagsUpdateMode mode = FlagsUpdateMode.values()[ThreadLocalRandom.current().nextInt(FlagsUpdateMode.values().length)];
                    long from = 1 + ThreadLocalRandom.current().nextInt(40);
                    mapper.updateFlags(inbox, new FlagsUpdateCalculator(flag, mode), MessageRange.range(MessageUid.of(from), MessageUid.of(from + 20)));
                }
                case 3 -> mapper.deleteMessages(inbox, mapper.retrieveMessagesMarkedForDeletion(inbox, MessageRange.all()));
                default -> mapper.resetRecent(inbox);
            }
        });

        List<Long> counted = counted(store().database(), inbox);
        assertThat(kept(store().database(), inbox)).isEqualTo(counted);
        assertThat(counted.get(0)).as("some messages are left").isPositive();
        assertThat(mapper.getMailboxCounters(inbox).getCount()).isEqualTo(counted.get(0));
        assertThat(mapper.getMailboxCounters(inbox).getUnseen()).isEqualTo(counted.get(1));
        assertThat(mapper.getLastUid(inbox)).contains(MessageUid.of(8 * 40 / 5 * 2));
        var usage = new CounterCurrentQuotaManager(store().database())
                .usage(QuotaRoot.quotaRoot("#private&" + ALICE.asString(), ALICE.getDomainPart()));
        assertThat(usage.count().asLong()).isEqualTo(counted.get(0));
        assertThat(usage.size().asLong()).isEqualTo(counted.get(4));
    }

    @Test
    void copiesAndMovesKeepBothMailboxesExact() throws Exception {
        Mailbox inbox = createMailbox("INBOX");
        Mailbox archive = createMailbox("Archive");
        MessageMapper mapper = store().factory().createMessageMapper(null);
        for (int i = 0; i < 30; i++) {
            mapper.add(inbox, message(inbox, randomFlags()));
        }

        race(4, 10, (thread, step) -> {
            List<MailboxMessage> some = new ArrayList<>();
            mapper.findInMailbox(inbox, MessageRange.range(MessageUid.of(1 + step * 3L), MessageUid.of(3 + step * 3L)),
                    MessageMapper.FetchType.METADATA, -1).forEachRemaining(some::add);
            if (thread % 2 == 0) {
                mapper.copy(archive, some);
            } else if (!some.isEmpty()) {
                try {
                    mapper.move(archive, some);
                } catch (Exception movedByAnother) {
                    // another thread moved the same message first: nothing to count
                }
            }
        });

        assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
        assertThat(kept(store().database(), archive)).isEqualTo(counted(store().database(), archive));
        assertThat(kept(store().database(), archive).get(2)).as("copies and moves arrive as recent")
                .isEqualTo(kept(store().database(), archive).get(0));
    }

    /**
     * A COPY whose messages were read before another session expunged one of them everywhere copies the others
     * (imaptest's stress with a copy mailbox failed such COPYs with "NO COPY processing failed" and an ERROR in the
     * log), as a move leaves out a message no longer there; the counters stay exact.
     */
    @Test
    void aCopyLeavesOutAMessageExpungedEverywhereSinceItWasReadAndCopiesTheOthers() throws Exception {
        Mailbox inbox = createMailbox("INBOX");
        Mailbox archive = createMailbox("Archive");
        MessageMapper mapper = store().factory().createMessageMapper(null);
        for (int i = 0; i < 3; i++) {
            mapper.add(inbox, message(inbox, new Flags(Flags.Flag.SEEN)));
        }
        List<MailboxMessage> read = new ArrayList<>();
        mapper.findInMailbox(inbox, MessageRange.all(), MessageMapper.FetchType.METADATA, -1).forEachRemaining(read::add);
        mapper.deleteMessages(inbox, List.of(read.get(1).getUid()));

        List<org.apache.james.mailbox.model.MessageMetaData> copied = mapper.copy(archive, read);

        assertThat(copied).extracting(m -> m.getMessageId())
                .containsExactly(read.get(0).getMessageId(), read.get(2).getMessageId());
        List<MailboxMessage> inArchive = new ArrayList<>();
        mapper.findInMailbox(archive, MessageRange.all(), MessageMapper.FetchType.METADATA, -1).forEachRemaining(inArchive::add);
        assertThat(inArchive).extracting(m -> m.getUid()).isEqualTo(copied.stream().map(m -> m.getUid()).toList());
        assertThat(kept(store().database(), archive)).isEqualTo(counted(store().database(), archive))
                .isEqualTo(List.of(2L, 0L, 2L, 0L, read.get(0).getFullContentOctets() + read.get(2).getFullContentOctets()));
        assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
        assertThat(mapper.copy(archive, List.of(read.get(1)))).as("only gone ones: nothing").isEmpty();
        assertThat(kept(store().database(), archive)).isEqualTo(counted(store().database(), archive));
    }

    /** Two Facteur nodes on one database deliver into the same mailbox at once. */
    @Test
    void twoNodesAppendingAtOnceGetUniqueIncreasingUidsAndExactCounters() throws Exception {
        Mailbox inbox = createMailbox("INBOX");
        try (Database otherNode = store().openAnotherNode()) {
            List<MessageMapper> nodes = List.of(store().factory().createMessageMapper(null),
                    new SqlMailboxSessionMapperFactory(otherNode, store().blobs(), store().clock()).createMessageMapper(null));
            List<Long> uids = Collections.synchronizedList(new ArrayList<>());
            int threadsPerNode = 4;
            int each = 25;

            race(2 * threadsPerNode, each, (thread, step) -> {
                MessageMapper node = nodes.get(thread % 2);
                uids.add(node.add(inbox, message(inbox, randomFlags())).getUid().asLong());
            });

            int total = 2 * threadsPerNode * each;
            assertThat(uids).doesNotHaveDuplicates().hasSize(total);
            assertThat(uids).allSatisfy(uid -> assertThat(uid).isBetween(1L, (long) total));
            List<long[]> byUid = store().database().read(c -> Jdbc.list(c,
                    "SELECT uid, modseq FROM mailbox_message WHERE mailbox_id = ? ORDER BY uid",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, SqlMailboxId.raw(inbox.getMailboxId())));
            for (int i = 1; i < byUid.size(); i++) {
                assertThat(byUid.get(i)[1]).as("mod-seqs follow the UIDs: one allocation per commit").isGreaterThan(byUid.get(i - 1)[1]);
            }
            assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
            assertThat(kept(store().database(), inbox).get(0)).isEqualTo(total);
        }
    }

    @Test
    void resetRecentClearsEveryRecentMessageAndTheCounterAtOnce() throws Exception {
        Mailbox inbox = createMailbox("INBOX");
        MessageMapper mapper = store().factory().createMessageMapper(null);
        for (int i = 0; i < 50; i++) {
            mapper.add(inbox, message(inbox, new Flags(Flags.Flag.RECENT)));
        }

        assertThat(mapper.resetRecent(inbox)).hasSize(50)
                .allSatisfy(updated -> assertThat(updated.getNewFlags().contains(Flags.Flag.RECENT)).isFalse());

        assertThat(mapper.findRecentMessageUidsInMailbox(inbox)).isEmpty();
        assertThat(kept(store().database(), inbox)).isEqualTo(counted(store().database(), inbox));
        assertThat(mapper.resetRecent(inbox)).isEmpty();
    }

}
