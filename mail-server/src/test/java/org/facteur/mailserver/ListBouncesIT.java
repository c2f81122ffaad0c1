package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.mailserver.MailServerExtension.ALICE;
import static org.facteur.mailserver.MailServerExtension.ALICE_PASSWORD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.BounceSettings;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.mailserver.lists.MailingLists;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Counter;

/**
 * Bounces of list copies through the real server: members at remote servers the test runs, one answering RCPT
 * with {@code 550 5.1.1}, one with {@code 550 5.7.1} (spam), one taking everything (a sink); the server's own DSNs come back to the members' VERP
 * addresses (delays and given-up {@code 4xx} are in {@code BouncesTest}). The threshold is one point here (days are counted in {@code BouncesTest}, on the
 * list manager's clock): one post suspends the dead address only, the next post skips it, and a probe the remote server
 * accepts gives it back its delivery.
 */
class ListBouncesIT {
    private static final String TEAM = "team@example.org";
    private static final String DEAD = "dead@dead.test";
    private static final String SPAM = "spam@spam.test";
    private static final String OK = "ok@ok.test";

    static final RejectingSmtpServer dead = server("550 5.1.1 No such user here");
    static final RejectingSmtpServer spam = server("550 5.7.1 Message rejected as spam");
    static final SmtpSink ok = sink();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> {
        MailServerSettings s = TestMailServers.settings(dir, List.of(route("dead.test", dead.port()), route("spam.test", spam.port()),
                route("ok.test", ok.port())));
        MailServerSettings.Lists l = TestMailServers.LISTS;
        // one point suspends; probes only when asked (a week), and a probe that did not bounce by the next round resumes
        MailServerSettings.Lists lists = new MailServerSettings.Lists(l.robotLocalPart(), l.defaultLanguage(), l.confirmationTtl(),
                l.heldPostTtl(), l.recipientsPerMessage(), l.robotLimits(), l.publicUrl(),
                new BounceSettings(new BounceScore.Policy(1, 7), Duration.ofDays(7), Duration.ZERO));
        return new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(), s.limits(), s.outbound(),
                s.spoolerThreads(), lists);
    });

    @AfterAll
    static void stop() throws IOException {
        dead.close();
        spam.close();
        ok.close();
    }

    @Test
    void aHardBounceSuspendsOnlyItsMemberASpamRefusalDoesNotCountAndAnAcceptedProbeResumes() throws Exception {
        MailingLists lists = mail.server().lists();
        lists.create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, ALICE, true, List.of());
        for (String member : List.of(DEAD, SPAM, OK)) {
            lists.addMember(TEAM, member, "", Role.SUBSCRIBER);
        }
        MailClient client = mail.client();
        client.submit(ALICE, ALICE_PASSWORD, client.message(ALICE, TEAM, "First post", "Hello"));

        byte[] notice = client.raw(ALICE, ALICE_PASSWORD, "[team] Delivery to dead@dead.test suspended (bounces)");
        assertThat(new String(notice, StandardCharsets.UTF_8)).contains("550 5.1.1 No such user here");
        assertThat(reception(DEAD)).isEqualTo(ReceptionMode.NOMAIL);
        assertThat(lists.bounces(TEAM, DEAD).orElseThrow().suspended()).isTrue();
        assertThat(lists.bounces(TEAM, DEAD).orElseThrow().diagnostic()).contains("550 5.1.1 No such user here");

        // the spam refusal comes back too, and counts for nothing
        await().atMost(Duration.ofSeconds(60)).until(() -> notHardBounces() >= 1);
        assertThat(hardBounces()).isEqualTo(1.0);
        assertThat(lists.bounces(TEAM, SPAM)).contains(MemberBounces.NONE);
        assertThat(reception(SPAM)).isEqualTo(ReceptionMode.MAIL);

        int deadBefore = dead.rejected.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> ok.recipients() == 1);
        client.submit(ALICE, ALICE_PASSWORD, client.message(ALICE, TEAM, "Second post", "Hello again"));
        client.raw(ALICE, ALICE_PASSWORD, "[team] Second post");
        await().atMost(Duration.ofSeconds(60)).until(() -> ok.recipients() == 2); // the second post's copies left
        assertThat(dead.rejected.get()).isEqualTo(deadBefore);
        assertThat(ok.envelopes()).allSatisfy(e -> assertThat(e.sender()).matches("team-owner\\+[a-z2-7]{26}@example\\.org"));

        dead.answer("250 2.1.5 OK");
        assertThat(lists.probe(TEAM)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> dead.accepted.get() == 1);
        lists.probe(TEAM); // the probe was taken and its window (zero here) is over
        assertThat(reception(DEAD)).isEqualTo(ReceptionMode.MAIL);
        assertThat(lists.bounces(TEAM, DEAD)).contains(MemberBounces.NONE);
        client.raw(ALICE, ALICE_PASSWORD, "[team] Delivery to dead@dead.test resumed");
        assertThat(mail.meters().get("facteur.lists.bounce.actions").tag("action", "resumed").counter().count()).isEqualTo(1.0);
    }

    private static ReceptionMode reception(String address) {
        return mail.server().lists().members(TEAM).stream().filter(m -> m.address().equals(address)).findFirst()
                .map(Member::reception).orElseThrow();
    }

    private static double hardBounces() {
        return Optional.ofNullable(mail.meters().find("facteur.lists.bounces").tag("kind", "hard").counter()).map(Counter::count).orElse(0.0);
    }

    private static double notHardBounces() {
        return mail.meters().find("facteur.lists.bounces").counters().stream().filter(c -> !"hard".equals(c.getId().getTag("kind")))
                .mapToDouble(Counter::count).sum();
    }

    private static MailServerSettings.Route route(String domain, int port) {
        return new MailServerSettings.Route(domain, new MailServerSettings.HostPort("127.0.0.1", port));
    }

    private static SmtpSink sink() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RejectingSmtpServer server(String reply) {
        try {
            return new RejectingSmtpServer(reply);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
