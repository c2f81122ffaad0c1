package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.facteur.mailserver.LogCapture;
import org.facteur.mailserver.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisAttemptCounters} against a real redis-server ({@link TestRedis}): the contract, what is stored, two
 * nodes sharing one count, and what happens when Redis stops answering. Each test has its own key prefix.
 */
class RedisAttemptCountersTest implements AttemptCountersContract {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    private RedisAttemptCounters open(TestRedis redis, String prefix) {
        RedisAttemptCounters counters = RedisAttemptCounters.open(redis.uri(), prefix);
        opened.add(counters);
        return counters;
    }

    private String prefix() {
        String prefix = TestRedis.freshPrefix();
        prefixes.add(prefix);
        return prefix;
    }

    @AfterEach
    void closeAndClean() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        for (String prefix : prefixes) {
            TestRedis.shared().deleteKeys(prefix);
        }
    }

    @Override
    public AttemptCounters counters() {
        try {
            return open(TestRedis.shared(), prefix());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void pass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis() + 100);
    }

    @Test
    void keysAreUnderThePrefixAndExpireWithTheirWindow() throws Exception {
        TestRedis redis = TestRedis.shared();
        String prefix = prefix();
        RedisAttemptCounters counters = open(redis, prefix);
        counters.add("login:pair:alice@example.org|203.0.113.7", 1, Duration.ofMinutes(10));
        counters.add("login:pair:alice@example.org|203.0.113.7", 1, Duration.ofHours(24));
        assertThat(redis.keys(prefix)).containsExactly(prefix + "login:pair:alice@example.org|203.0.113.7");
        Long ttl = redis.with(r -> r.pttl(prefix + "login:pair:alice@example.org|203.0.113.7"));
        assertThat(ttl).as("the first window, not the second").isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
        String stored = redis.with(r -> r.get(prefix + "login:pair:alice@example.org|203.0.113.7"));
        assertThat(stored).isEqualTo("2");
    }

    @Test
    void aStaleInterruptOfTheCallingThreadDoesNotFailTheCommandAndIsKept() throws Exception {
        // James's IMAP workers can carry the flag of a cancelled command into the next login (seen in RedisLoginThrottlingIT).
        AttemptCounters counters = counters();
        Thread.currentThread().interrupt();
        try {
            assertThat(counters.add("k", 1, Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(counters.get("k")).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).as("the flag is the caller's to handle").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void twoNodesShareOneCount() throws Exception {
        TestRedis redis = TestRedis.shared();
        String prefix = prefix();
        RedisAttemptCounters nodeA = open(redis, prefix);
        RedisAttemptCounters nodeB = open(redis, prefix);
        assertThat(nodeA.add("k", 1, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(nodeB.add("k", 1, Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(nodeA.get("k")).isEqualTo(2);
        nodeB.delete("k");
        assertThat(nodeA.get("k")).isZero();
    }

    @Test
    void failuresOnOneNodeLockThePairOnTheOther() throws Exception {
        TestRedis redis = TestRedis.shared();
        String prefix = prefix();
        LoginThrottle nodeA = new LoginThrottle(open(redis, prefix), LoginPolicy.DEFAULT);
        LoginThrottle nodeB = new LoginThrottle(open(redis, prefix), LoginPolicy.DEFAULT);
        InetAddress client = ClientKeys.parseLiteral("203.0.113.7").orElseThrow();
        for (int i = 0; i < 5; i++) {
            LoginThrottle.Attempt attempt = nodeA.begin("alice@example.org", client);
            assertThat(attempt.refused()).as("attempt %d", i + 1).isFalse();
            attempt.failed();
        }
        assertThat(nodeB.begin("alice@example.org", client).refused()).isTrue();
        LoginThrottle.Attempt elsewhere = nodeB.begin("alice@example.org", ClientKeys.parseLiteral("198.51.100.9").orElseThrow());
        assertThat(elsewhere.refused()).as("the owner from another address").isFalse();
        elsewhere.succeeded();
    }

    @Test
    void whileRedisDoesNotAnswerEachNodeCountsInMemoryAndTheWarningNamesNoPassword() throws Exception {
        String password = "redis-Secret-7f3a";
        TestRedis redis = TestRedis.startPrivate(List.of("--requirepass", password));
        RedisUri uri = RedisUri.parse("redis://:" + password + "@127.0.0.1:" + redis.port() + "/0");
        try (LogCapture log = LogCapture.capture(LocalFallbackAttemptCounters.class.getName())) {
            RedisAttemptCounters shared = RedisAttemptCounters.open(uri, prefix());
            opened.add(shared);
            LocalFallbackAttemptCounters counters = new LocalFallbackAttemptCounters(shared, "Redis at " + uri,
                    new InMemoryAttemptCounters(), Duration.ofMillis(200));
            assertThat(counters.add("k", 1, Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(counters.usingLocal()).isFalse();
            assertThat(shared.get("k")).as("stored in Redis").isEqualTo(1);

            redis.stop();
            assertThat(counters.add("k", 1, Duration.ofMinutes(5))).as("counted in memory from zero").isEqualTo(1);
            assertThat(counters.usingLocal()).isTrue();
            assertThat(counters.add("lock", 1, Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(counters.add("lock", 1, Duration.ofMinutes(5))).as("a lock is still taken only once").isEqualTo(2);

            TestRedis back = TestRedis.startPrivate(redis.port(), List.of("--requirepass", password));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    counters.get("k");
                    return !counters.usingLocal();
                });
                assertThat(counters.get("lock")).as("a lock taken in memory during the outage still holds").isEqualTo(2);
                assertThat(counters.add("n", 1, Duration.ofMinutes(5))).isEqualTo(1);
                assertThat(shared.get("n")).as("stored in Redis again").isEqualTo(1);
            } finally {
                back.stop();
            }
            List<String> messages = log.messagesOf(LocalFallbackAttemptCounters.class.getName());
            assertThat(messages).anyMatch(m -> m.contains("login counters are kept in this node's memory"));
            assertThat(messages).anyMatch(m -> m.contains("answers again"));
            assertThat(messages).filteredOn(m -> m.contains("memory")).hasSize(1);
            assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().contains(password));
        }
    }

    @Test
    void aWrongPasswordOrNoRedisAtStartFallsBackToMemoryWithAWarningThatQuotesNoPassword() throws Exception {
        String password = "Not-the-password-91";
        TestRedis redis = TestRedis.startPrivate(List.of("--requirepass", "the-real-one-42"));
        try (LogCapture log = LogCapture.capture(LocalFallbackAttemptCounters.class.getName())) {
            for (RedisUri uri : List.of(RedisUri.parse("redis://:" + password + "@127.0.0.1:" + redis.port() + "/0"),
                    RedisUri.parse("redis://:" + password + "@127.0.0.1:" + freePort() + "/0"))) {
                LocalFallbackAttemptCounters counters = LocalFallbackAttemptCounters.redis(new RedisSettings(uri, prefix()));
                opened.add(counters);
                assertThat(counters.usingLocal()).isTrue();
                assertThat(counters.add("k", 1, Duration.ofMinutes(1))).isEqualTo(1);
                assertThat(counters.add("k", 1, Duration.ofMinutes(1))).isEqualTo(2);
                assertThat(counters.get("k")).isEqualTo(2);
            }
            assertThat(log.messagesOf(LocalFallbackAttemptCounters.class.getName()))
                    .hasSize(2).allMatch(m -> m.contains("127.0.0.1") && m.contains("memory"));
            assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().contains(password));
        } finally {
            redis.stop();
        }
    }

    @Test
    void theUriIsCheckedAndPrintedWithoutItsPassword() {
        RedisUri uri = RedisUri.parse("redis://user:pa55word@redis.internal:6380/2");
        assertThat(uri.toString()).isEqualTo("redis://redis.internal:6380/2");
        assertThat(new RedisSettings(uri).toString()).doesNotContain("pa55word");
        for (String wrong : new String[] {"127.0.0.1:6379", "http://127.0.0.1:6379", "redis://", "redis://:secret@/0"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisUri.parse(wrong))
                    .as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("FACTEUR_REDIS_URI").hasMessageNotContaining("secret");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
