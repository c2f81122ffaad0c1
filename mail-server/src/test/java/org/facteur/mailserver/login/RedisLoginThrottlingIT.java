package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #13's acceptance with the counters in a real Redis ({@code FACTEUR_REDIS_URI}): 20 wrong IMAP LOGINs (then
 * SMTP AUTHs) for one address, and the next attempt is refused even with the right password; the lock is a key in
 * Redis with an expiry; and a lock another node wrote to the same Redis is honoured here. The two-process version
 * (two packaged Facteurs on one Redis) is {@code SharedLoginCountersIT} in the deploy module.
 */
class RedisLoginThrottlingIT {
    static final String PASSWORD = "Corr3ct-horse";
    static final String PREFIX = TestRedis.freshPrefix();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(data -> TestMailServers.settings(data)
            .withRedis(new RedisSettings(redis().uri(), PREFIX)));

    static TestRedis redis() {
        try {
            return TestRedis.shared();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void members() {
        for (String user : new String[] {"imap-twenty", "smtp-twenty", "other-node", "sender"}) {
            mail.server().admin().addUser(user + "@example.org", PASSWORD);
        }
    }

    @AfterAll
    static void clean() {
        redis().deleteKeys(PREFIX);
    }

    static String imapLogin(String clientAddress, String user, String password) throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), clientAddress)) {
            return imap.login(user, password);
        }
    }

    @Test
    void twentyWrongImapLoginsThenTheRightPasswordIsRefusedForAWhileAndTheLockIsInRedis() throws Exception {
        String target = "imap-twenty@example.org";
        for (int i = 0; i < 20; i++) {
            String answer = imapLogin("127.0.0.21", target, "guess-" + i);
            assertThat(answer).as("guess %d", i + 1).startsWith(i < 5 ? "NO [AUTHENTICATIONFAILED]" : "NO [UNAVAILABLE]");
        }
        assertThat(imapLogin("127.0.0.21", target, PASSWORD)).startsWith("NO [UNAVAILABLE] ").containsIgnoringCase("try again later");

        String lock = PREFIX + "login:pair:" + target + "|127.0.0.21:locked";
        assertThat(redis().keys(PREFIX)).contains(lock, PREFIX + "login:pair:" + target + "|127.0.0.21");
        Long ttl = redis().with(r -> r.pttl(lock));
        assertThat(ttl).as("refused for a while: the first lock, one minute").isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis());
        assertThat(imapLogin("127.0.0.22", target, PASSWORD)).as("the owner from elsewhere").startsWith("OK");
    }

    @Test
    void twentyWrongSmtpAuthsThenTheRightPasswordIsRefused() throws Exception {
        String target = "smtp-twenty@example.org";
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission(), "127.0.0.23")) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            for (int i = 0; i < 20; i++) {
                assertThat(smtp.authPlain(target, "guess-" + i)).as("guess %d", i + 1).startsWith(i < 5 ? "535 5.7.8" : "454 4.7.0");
            }
            assertThat(smtp.authPlain(target, PASSWORD)).startsWith("454 4.7.0 ").containsIgnoringCase("try again later");
        }
        assertThat(redis().keys(PREFIX)).contains(PREFIX + "login:pair:" + target + "|127.0.0.23:locked");
    }

    @Test
    void theSubmissionCountOfASenderIsKeptInRedisForAnHour() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission(), "127.0.0.26")) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.authPlain("sender@example.org", PASSWORD)).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<sender@example.org>")).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<sender@example.org>")).startsWith("250");
        }
        String key = PREFIX + "submit:messages:sender@example.org";
        String count = redis().with(r -> r.get(key));
        Long ttl = redis().with(r -> r.pttl(key));
        assertThat(count).isEqualTo("2");
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void aLockWrittenToRedisByAnotherNodeIsHonouredHere() throws Exception {
        String target = "other-node@example.org";
        try (RedisAttemptCounters otherNodeCounters = RedisAttemptCounters.open(redis().uri(), PREFIX)) {
            LoginThrottle otherNode = new LoginThrottle(otherNodeCounters, LoginPolicy.DEFAULT);
            for (int i = 0; i < 5; i++) {
                LoginThrottle.Attempt attempt = otherNode.begin(target, ClientKeys.parseLiteral("127.0.0.24").orElseThrow());
                assertThat(attempt.refused()).isFalse();
                attempt.failed();
            }
        }
        assertThat(imapLogin("127.0.0.24", target, PASSWORD)).startsWith("NO [UNAVAILABLE]");
        assertThat(imapLogin("127.0.0.25", target, PASSWORD)).startsWith("OK");
    }
}
