package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay route is removed while mail waits in its queue for a retry an hour away: at the next start that mail goes
 * back to the spool, due at once, chooses its next hop again and reaches the smarthost the configuration now names.
 * Likewise mail waiting for a smarthost that is removed.
 */
class RemovedRouteIT {
    @TempDir
    Path data;
    private GreenMail smarthost;
    private FacteurMailServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (smarthost != null) {
            smarthost.stop();
        }
    }

    @Test
    void mailWaitingInARemovedRoutesQueueIsSentTheNewWayAtTheNextStart() throws Exception {
        MailServerSettings routed = TestMailServers.settings(data, List.of(new MailServerSettings.Route("moved.test",
                new MailServerSettings.HostPort("127.0.0.1", TestMailServers.freePort()))));
        routed = TestMailServers.withOutbound(routed, new MailServerSettings.Outbound(Optional.empty(), routed.outbound().routes(),
                List.of(Duration.ofHours(1)), 3, false));
        server = TestMailServers.startWithUsers(routed, "S3cret-pass", "alice");
        MailClient client = new MailClient(routed.ports());
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "bob@moved.test", "Rerouted", "Sent the new way"));
        Path routeQueue = data.resolve("var/queue/outgoing-route-moved.test");
        awaitRetryAnHourAway(routeQueue);
        server.close();
        server = null;

        smarthost = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smarthost.start();
        MailServerSettings viaSmarthost = TestMailServers.withOutbound(routed, new MailServerSettings.Outbound(
                Optional.of(new MailServerSettings.HostPort("127.0.0.1", smarthost.getSmtp().getPort())), List.of(),
                List.of(Duration.ofHours(1)), 3, false));
        server = FacteurMailServer.start(viaSmarthost);

        await().atMost(Duration.ofSeconds(60)).until(() -> smarthost.getReceivedMessages().length >= 1);
        MimeMessage received = smarthost.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Rerouted");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("bob@moved.test");
        assertThat(routeQueue).doesNotExist();
        assertThat(smarthost.getReceivedMessages()).hasSize(1);
    }

    @Test
    void mailWaitingForARemovedSmarthostChoosesItsNextHopAgain() throws Exception {
        MailServerSettings base = TestMailServers.settings(data, List.of());
        MailServerSettings deadSmarthost = TestMailServers.withOutbound(base, new MailServerSettings.Outbound(
                Optional.of(new MailServerSettings.HostPort("127.0.0.1", TestMailServers.freePort())), List.of(),
                List.of(Duration.ofHours(1)), 3, false));
        server = TestMailServers.startWithUsers(deadSmarthost, "S3cret-pass", "alice");
        MailClient client = new MailClient(deadSmarthost.ports());
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "bob@moved.test", "Smarthost gone", "Sent the new way"));
        Path smarthostQueue = data.resolve("var/queue/outgoing-smarthost");
        awaitRetryAnHourAway(smarthostQueue);
        server.close();
        server = null;

        // the smarthost is removed and the recipient's domain routed: the waiting mail takes the route, not the MX
        // lookup the default queue would have tried an hour later
        smarthost = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smarthost.start();
        MailServerSettings routed = TestMailServers.withOutbound(base, new MailServerSettings.Outbound(Optional.empty(),
                List.of(new MailServerSettings.Route("moved.test",
                        new MailServerSettings.HostPort("127.0.0.1", smarthost.getSmtp().getPort()))),
                List.of(Duration.ofHours(1)), 3, false));
        server = FacteurMailServer.start(routed);

        await().atMost(Duration.ofSeconds(60)).until(() -> smarthost.getReceivedMessages().length >= 1);
        assertThat(smarthost.getReceivedMessages()[0].getSubject()).isEqualTo("Smarthost gone");
        assertThat(smarthostQueue).doesNotExist();
        assertThat(smarthost.getReceivedMessages()).hasSize(1);
    }

    /** The first attempt failed and RemoteDelivery queued the mail again in {@code queue}, due in an hour. */
    private static void awaitRetryAnHourAway(Path queue) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            List<String> now = queued(queue);
            if (now.size() != 1) {
                return false;
            }
            try (java.io.InputStream in = Files.newInputStream(queue.resolve(now.get(0)))) {
                return QueuedMailFormat.readEnvelope(in).dueMillis() > System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();
            }
        });
    }

    /** The names of the mail files waiting in a queue directory. */
    private static List<String> queued(Path queue) throws Exception {
        if (!Files.isDirectory(queue)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mail") && !n.startsWith(".")).sorted()
                    .toList();
        }
    }
}
