package org.facteur.mailserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.model.Copies;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.SmtpSink;
import org.facteur.mailserver.TestMailServers;

/**
 * List fan-out benchmark: a list of N remote members whose copies go to an in-JVM SMTP sink (sink.test is routed
 * to it). Prints the time from the 250 that accepted the post to the last copy accepted by the sink. Not a test:
 * run it with {@code ./facteur bench lists [--members N] [--posts P] [--per-message R] [--copies batched|personal]}
 * ({@code personal}: one copy per member with its VERP sender, as lists do by default; {@code batched}: R per copy).
 */
public final class ListFanOutBenchmark {

    public static void main(String[] args) throws Exception {
        int members = 10_000;
        int posts = 3;
        int perMessage = 100;
        Copies copies = Copies.BATCHED;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--members" -> members = Integer.parseInt(args[i + 1]);
                case "--posts" -> posts = Integer.parseInt(args[i + 1]);
                case "--per-message" -> perMessage = Integer.parseInt(args[i + 1]);
                case "--copies" -> copies = Copies.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("facteur-list-bench");
        try (SmtpSink sink = new SmtpSink()) {
            MailServerSettings base = TestMailServers.settings(data, List.of(
                    new MailServerSettings.Route("sink.test", new MailServerSettings.HostPort("127.0.0.1", sink.port()))));
            MailServerSettings.Lists l = base.lists();
            MailServerSettings settings = new MailServerSettings(base.dataDir(), base.hostname(), base.bindAddress(), base.ports(),
                    base.tls(), base.limits(), base.outbound(), base.spoolerThreads(),
                    new MailServerSettings.Lists(l.robotLocalPart(), l.defaultLanguage(), l.confirmationTtl(), l.heldPostTtl(),
                            perMessage, l.robotLimits()), base.database());
            try (FacteurMailServer server = FacteurMailServer.start(settings)) {
                server.admin().addDomain("example.org");
                server.admin().addUser("alice@example.org", "S3cret-pass");
                server.lists().create("big@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
                server.lists().set("big@example.org", java.util.Map.of("copies", copies.name()));
                long t = System.nanoTime();
                for (int i = 0; i < members; i++) {
                    server.lists().addMember("big@example.org", "member" + i + "@sink.test", "", Role.SUBSCRIBER);
                }
                System.out.printf("Added %d members in %.1f s%n", members, (System.nanoTime() - t) / 1e9);
                server.lists().addMember("big@example.org", "poster@remote.test", "", Role.SUBSCRIBER);
                MailClient client = new MailClient(settings.ports());
                for (int p = 0; p < posts; p++) {
                    int before = sink.recipients();
                    var post = client.message("poster@remote.test", "big@example.org", "Post " + p, "x".repeat(1000));
                    client.deliver(post);
                    long accepted = System.nanoTime();
                    while (sink.recipients() < before + members) {
                        Thread.sleep(5);
                        if (System.nanoTime() - accepted > 600_000_000_000L) {
                            throw new IllegalStateException("only " + (sink.recipients() - before) + " copies after 10 minutes");
                        }
                    }
                    double seconds = (sink.lastAcceptedNanos() - accepted) / 1e9;
                    System.out.printf("Post %d: %d recipients, " + (copies == Copies.PERSONAL ? "one copy each" : perMessage + " per message")
                            + ": last copy accepted by the sink %.2f s after the 250"
                            + " (%.0f recipients/s); sink totals %d transactions, %d connections%n",
                            p, members, seconds, members / seconds, sink.transactions(), sink.connections());
                }
            }
        }
    }
}
