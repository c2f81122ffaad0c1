package org.facteur.webmail.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.TestRedis;
import org.facteur.webmail.imap.LiveMailboxes;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Two webmail nodes, real HTTP, one real mail server and a real Redis (the machine's, else a private one): a member
 * logged in through node A keeps working when the load balancer sends her to node B (issue #14, item 5), with the same
 * CSRF token, the same allowances, and her mail password nowhere in Redis in clear.
 */
class SharedSessionsIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String ALICE = MailServerExtension.ALICE;
    static final String NAMESPACE = TestRedis.freshPrefix() + "webmail:session";
    static TestRedis redis;
    static RunningWebmail nodeA;
    static RunningWebmail nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        redis = TestRedis.shared();
        Map<String, Object> shared = Map.of("facteur.webmail.shared-sessions.redis-uri", redis.uri().toString(),
                "facteur.webmail.shared-sessions.namespace", NAMESPACE);
        nodeA = RunningWebmail.start(mail.settings().ports(), shared);
        nodeB = RunningWebmail.start(mail.settings().ports(), shared);
        String raw = "From: Bob <bob@example.net>\r\nTo: " + ALICE + "\r\nSubject: before the switch\r\n"
                + "Message-ID: <switch@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        mail.client().deliver(new MimeMessage(mail.client().session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (redis != null) {
            redis.deleteKeys(NAMESPACE);
        }
    }

    @Test
    void aMemberKeepsWorkingOnTheOtherNodeAndHerPasswordIsNotInRedis() throws Exception {
        Browser onA = nodeA.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> onA.get("/mail").body().contains("before the switch"));
        assertThat(onA.cookies()).containsKeys("JSESSIONID", LiveMailboxes.KEY_COOKIE);

        Browser onB = onA.sentTo(nodeB);
        HttpResponse<String> list = onB.get("/mail");
        assertThat(list.uri().getPath()).as("still logged in on node B").isEqualTo("/mail");
        assertThat(list.body()).contains("before the switch");
        assertThat(nodeB.bean(LiveMailboxes.class).size()).as("node B opened her mailbox from the sealed password").isEqualTo(1);

        // a form of node A's page posted to node B: same session, same CSRF token; node B submits over SMTP as her
        String form = onA.get("/compose").body();
        HttpResponse<String> sent = onB.postMultipart("/compose", Map.of("to", ALICE, "subject", "sent through node B",
                "body", "one session, two nodes"), form);
        assertThat(sent.uri().getPath()).as(sent.body()).isEqualTo("/mail");
        await().atMost(Duration.ofSeconds(30)).until(() -> onA.get("/mail").body().contains("sent through node B"));

        List<String> keys = redis.keys(NAMESPACE);
        assertThat(keys).as("the sessions are in Redis").isNotEmpty();
        for (String key : keys) {
            String stored = redis.with(r -> "hash".equals(r.type(key)) ? r.hgetall(key).toString() : String.valueOf(r.get(key)));
            assertThat(stored).as(key).doesNotContain(MailServerExtension.ALICE_PASSWORD);
        }
    }

    @Test
    void theLookupAllowanceIsCountedAcrossNodes() throws Exception {
        Browser onA = nodeA.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
        Browser onB = onA.sentTo(nodeB);
        String form = onA.get("/compose").body();
        for (int i = 0; i < 10; i++) {
            Browser node = i % 2 == 0 ? onA : onB;
            assertThat(node.postForm("/compose/keys/lookup", Map.of("address", "not an address"), form).body())
                    .contains("This is not a mail address.");
        }
        assertThat(onB.postForm("/compose/keys/lookup", Map.of("address", "not an address"), form).body())
                .contains("Not looked up: 10 lookups a minute at most.");
    }

    @Test
    void logoutOnOneNodeEndsTheSessionOnAll() throws Exception {
        Browser onA = nodeA.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
        Browser onB = onA.sentTo(nodeB);
        assertThat(onB.get("/mail").uri().getPath()).isEqualTo("/mail");
        Browser stolen = onA.keepingOnly("JSESSIONID");

        String page = onB.get("/mail").body();
        assertThat(onB.postForm("/logout", Map.of(), page).uri().toString()).endsWith("/login?logout");
        assertThat(onA.get("/mail").uri().getPath()).as("node A asks her to log in again").isEqualTo("/login");
        assertThat(onA.cookies()).doesNotContainKey(LiveMailboxes.KEY_COOKIE);
        assertThat(stolen.get("/mail").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void theSessionCookieAloneDoesNotOpenTheMailboxOnANewNode() throws Exception {
        Browser onA = nodeA.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
        int openOnB = nodeB.bean(LiveMailboxes.class).size();
        Browser withoutKey = onA.keepingOnly("JSESSIONID").sentTo(nodeB);
        assertThat(withoutKey.get("/mail").uri().getPath()).as("no key, no password: log in again").isEqualTo("/login");
        assertThat(nodeB.bean(LiveMailboxes.class).size()).isEqualTo(openOnB);
    }

    @Test
    void whileRedisDoesNotAnswerPagesSayItAndComeBackWithIt() throws Exception {
        TestRedis own = TestRedis.startPrivate();
        int port = own.port();
        try (RunningWebmail node = RunningWebmail.start(mail.settings().ports(),
                Map.of("facteur.webmail.shared-sessions.redis-uri", own.uri().toString()))) {
            Browser member = node.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
            own.stop();
            HttpResponse<String> down = member.get("/mail");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(down.body()).isEqualTo(SessionStoreDown.SENTENCE);
            assertThat(node.browser().get("/webmail/webmail.css").statusCode()).as("what needs no session is served")
                    .isEqualTo(200);

            own = TestRedis.startPrivate(port, List.of());
            HttpResponse<String> back = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> member.get("/mail"), r -> r.statusCode() != 503);
            assertThat(back.uri().getPath()).as("the session was in the Redis that stopped: log in again").isEqualTo("/login");
            member.logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
            assertThat(member.get("/mail").uri().getPath()).isEqualTo("/mail");
        } finally {
            own.stop();
        }
    }

    @Test
    void withoutTheSettingThereIsNoRedisAtAll() throws Exception {
        try (RunningWebmail alone = RunningWebmail.start(mail.settings().ports())) {
            assertThat(alone.beans(RedisConnectionFactory.class)).isEmpty();
            assertThat(alone.beans(LiveMailboxes.class)).isEmpty();
            Browser member = alone.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
            assertThat(member.cookies()).containsKey("JSESSIONID").doesNotContainKey(LiveMailboxes.KEY_COOKIE);
        }
        try (RunningWebmail countersOnly = RunningWebmail.start(mail.settings().ports(), Map.of(
                "facteur.webmail.shared-sessions.redis-uri", redis.uri().toString(),
                "facteur.webmail.shared-sessions.enabled", "false"))) {
            assertThat(countersOnly.beans(RedisConnectionFactory.class)).as("FACTEUR_WEBMAIL_SHARED_SESSIONS=false").isEmpty();
        }
    }
}
