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
 * A relay route is removed while mail waits in its queue for a retry an hour away: at the next start that mail
 * moves to the default outbound queue, due at once, and reaches the smarthost the configuration now names.
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
        // the first attempt failed and RemoteDelivery queued the mail again, due in an hour
        await().atMost(Duration.ofSeconds(60)).until(() -> queuedAgain(routeQueue));
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

    /** Whether the route's queue holds a mail queued after the first one (sequence numbers start at 1). */
    private static boolean queuedAgain(Path queue) throws Exception {
        if (!Files.isDirectory(queue)) {
            return false;
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".mail") && !n.startsWith(".") && Long.parseLong(n.substring(0, n.length() - 5)) > 1);
        }
    }
}
