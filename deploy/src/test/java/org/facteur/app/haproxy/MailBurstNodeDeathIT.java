package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestRabbitMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14's acceptance line "kill -9 of one node during a 1,000-message burst sent through HAProxy": two packaged
 * nodes on one PostgreSQL and one RabbitMQ behind a real HAProxy (the shipped file, PROXY protocol on). Four senders
 * push messages through HAProxy's port 25, each on its own connection, reconnecting when one breaks; after 300
 * acknowledged messages node1 gets SIGKILL; the senders go on (HAProxy sends their new connections to node2) until
 * 1,000 are acknowledged. Node1 is then started again on its own disk: its spool journal holds what it acknowledged
 * and had not delivered yet. Every acknowledged message must be in Alice's INBOX (found by its Message-ID); the
 * figures (before and after the kill, broken connections, how many waited in node1's journal, duplicates) are
 * printed.
 */
class MailBurstNodeDeathIT {
    static final String PASSWORD = "S3cret-pass";
    static final int MESSAGES = 1_000;
    static final int KILL_AFTER = 300;
    static final int SENDERS = 4;
    static final Pattern ID = Pattern.compile("<(burst-\\d+)@elsewhere\\.test>");

    @TempDir
    static Path dir;
    static HaproxyCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = HaproxyCluster.start(dir, Map.of("FACTEUR_RABBITMQ_URI", TestRabbitMq.shared().uri()), PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyMessageAcknowledgedThroughHaproxyEndsInTheMailboxWhenANodeDiesMidBurst() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger ids = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicInteger afterKill = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            running.add(senders.submit(() -> {
                while (acknowledged.size() < MESSAGES && System.nanoTime() < deadline) {
                    try (SmtpDialogue mx = new SmtpDialogue(cluster.front.get(25), "127.0.0.1")) {
                        mx.greetAndEhlo();
                        while (acknowledged.size() < MESSAGES) {
                            String id = "burst-" + ids.incrementAndGet();
                            mx.sendMessage("bob@elsewhere.test", HaproxyCluster.ALICE, "From: bob@elsewhere.test\r\nTo: "
                                    + HaproxyCluster.ALICE + "\r\nSubject: " + id + "\r\nMessage-ID: <" + id
                                    + "@elsewhere.test>\r\n\r\nOne of a burst.");
                            acknowledged.add(id);
                            if (killedAt.get() != 0) {
                                afterKill.incrementAndGet(); // node1's last acks may fall here too, before it died
                            }
                        }
                    } catch (Exception e) {
                        broken.incrementAndGet(); // the node behind this connection died, or HAProxy had no node yet
                        sleep(100);
                    }
                }
                return null;
            }));
        }
        while (acknowledged.size() < KILL_AFTER && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        FacteurProcess node1 = cluster.nodes.get("node1");
        int atKill = acknowledged.size();
        killedAt.set(System.nanoTime());
        node1.kill9();
        for (Future<?> sender : running) {
            sender.get(6, TimeUnit.MINUTES);
        }
        senders.shutdown();
        assertThat(broken.get()).as("node1 carried some of the senders' connections when it died").isPositive();
        assertThat(acknowledged).as("the burst went on through node2 alone").hasSizeGreaterThanOrEqualTo(MESSAGES);
        assertThat(afterKill.get()).as("node2 kept accepting").isGreaterThan(MESSAGES - atKill - SENDERS * 2);

        // what node2 alone stored once it is done (the same count 3 s apart): node1's journal holds the rest
        Set<String> found = new HashSet<>();
        int[] stored = {0};
        int previous = -1;
        for (int i = 0; i < 20 && stored[0] != previous; i++) {
            previous = stored[0];
            Thread.sleep(3_000);
            read(found, stored);
        }
        Set<String> waitingInNode1 = new HashSet<>(acknowledged);
        waitingInNode1.removeAll(found);

        long restart = System.nanoTime();
        node1.start(); // on its own disk: its spool goes on with what it had acknowledged
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < until) {
            read(found, stored);
            if (found.containsAll(acknowledged)) {
                break;
            }
            Thread.sleep(1_000);
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(found);
        System.out.printf("MailBurstNodeDeathIT: %d acknowledged (%d before the kill, %d after, through node2), %d broken"
                        + " connections or refused attempts (reconnected through HAProxy);"
                        + " %d acknowledged ones were not stored until node1 was started again (its journal), %d ms after which"
                        + " %d were stored (%d duplicates), %d acknowledged missing%n",
                acknowledged.size(), atKill, afterKill.get(), broken.get(), waitingInNode1.size(),
                Duration.ofNanos(System.nanoTime() - restart).toMillis(), stored[0], stored[0] - found.size(), missing.size());
        assertThat(missing).as("acknowledged messages missing from the INBOX").isEmpty();
    }

    /** Alice's INBOX read through HAProxy: the Message-IDs found, and how many messages carry one. */
    static void read(Set<String> found, int[] stored) throws Exception {
        try (ImapDialogue imap = new ImapDialogue(cluster.front.get(143), "127.0.0.1")) {
            assertThat(imap.login(HaproxyCluster.ALICE, PASSWORD)).startsWith("OK");
            imap.command("SELECT INBOX");
            String headers = imap.command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
            found.clear();
            stored[0] = 0;
            for (Matcher m = ID.matcher(headers); m.find(); ) {
                found.add(m.group(1));
                stored[0]++;
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
