package org.facteur.app.bench;

import static org.facteur.app.bench.DeliveryBenchmark.check;
import static org.facteur.app.bench.DeliveryBenchmark.deleteQuietly;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.dkim.DkimKey;
import org.facteur.mailserver.dkim.DkimKeys;
import org.facteur.mailserver.dkim.DkimSigner;
import org.facteur.mailserver.dns.Dnsmasq;
import org.facteur.mailserver.spam.RspamdServer;

/**
 * What the deliverability work costs delivery (issue #10's benchmark: "signing plus inbound checks cost < 10% of
 * delivered/s, on and off in the same run; Rspamd off, and separately on"). Not a test: run it with
 * {@code ./facteur bench deliverability}; it prints, it asserts nothing.
 * <ul>
 * <li><b>Inbound checks</b>: two packaged Facteurs side by side, one with {@code FACTEUR_INBOUND_CHECKS=false}, one with
 * the checks on and nobody exempt (the load comes from 127.0.0.1, exempt by default); a dnsmasq started here answers
 * remote.test's SPF ({@code -all} but loopback) and DMARC ({@code p=reject}) records. With {@code --rspamd true} a
 * third one has the checks and a private Rspamd ({@code FACTEUR_RSPAMD_URL}). Rounds of N messages over C SMTP
 * connections alternate between them, R times; delivered/s counts what IMAP shows. One message of the checked server
 * is read back to show its {@code Authentication-Results} (the checks really ran).
 * <li><b>DKIM signing</b> of mail that leaves: {@link OutboundSigningBenchmark}, two Facteurs relaying a member's mail
 * to a sink, one with {@code FACTEUR_DKIM_SIGNING=false}, rounds alternating (skip with {@code --outbound false}).
 * Besides, both signatures (rsa-sha256 2048 and ed25519-sha256) of one message are timed on their own, with the keys
 * {@code domain add} makes, and set against the time one message takes at the delivered/s measured.
 * </ul>
 * Options: --messages N (1000) --connections C (8) --size BYTES (1024) --rounds R (3) --warmup N (300) --rspamd false
 * --outbound true --inbound true (false: only the outbound signing rounds)
 */
public final class DeliverabilityBenchmark {

    public static void main(String[] args) throws Exception {
        int messages = 1000;
        int connections = 8;
        int size = 1024;
        int rounds = 3;
        int warmup = 300;
        boolean rspamd = false;
        boolean outbound = true;
        boolean inbound = true;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rspamd" -> rspamd = Boolean.parseBoolean(args[i + 1]);
                case "--outbound" -> outbound = Boolean.parseBoolean(args[i + 1]);
                case "--inbound" -> inbound = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<AutoCloseable> closing = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), Map.of("remote.test", "v=spf1 ip4:127.0.0.0/8 -all",
                "_dmarc.remote.test", "v=DMARC1; p=reject"))) {
            if (inbound) {
                Map<String, String> common = Map.of("FACTEUR_DNS_SERVERS", dns.server());
                Map<String, Map<String, String>> setups = new LinkedHashMap<>();
                setups.put("checks off", with(common, "FACTEUR_INBOUND_CHECKS", "false"));
                setups.put("checks on", with(with(common, "FACTEUR_INBOUND_CHECKS", "true"), "FACTEUR_INBOUND_CHECKS_EXEMPT", "192.0.2.0/24"));
                if (rspamd) {
                    RspamdServer spam = RspamdServer.start(6379);
                    closing.add(spam);
                    setups.put("checks + Rspamd", with(setups.get("checks on"), "FACTEUR_RSPAMD_URL", spam.checkUrl().toString()));
                }
                Map<String, FacteurProcess> servers = new LinkedHashMap<>();
                Map<String, MailClient> clients = new LinkedHashMap<>();
                Map<String, Integer> sent = new LinkedHashMap<>();
                for (Map.Entry<String, Map<String, String>> setup : setups.entrySet()) {
                    Path data = Files.createTempDirectory("facteur-bench-deliverability");
                    dirs.add(data);
                    FacteurProcess facteur = new FacteurProcess(data, setup.getValue());
                    closing.add(facteur);
                    facteur.start();
                    check(facteur.admin("domain", "add", "bench.test"));
                    check(facteur.admin("user", "add", "user0@bench.test", "--password", "Bench-pass-1"));
                    MailClient imap = new MailClient(facteur.ports());
                    servers.put(setup.getKey(), facteur);
                    clients.put(setup.getKey(), imap);
                    DeliveryBenchmark.Round w = DeliveryBenchmark.round(facteur, imap, warmup, connections, size, 1, 0, 0);
                    sent.put(setup.getKey(), warmup);
                    System.out.printf("%s: warm-up %d messages, delivered %.0f msg/s%n", setup.getKey(), warmup, w.deliveredPerSecond());
                }
                System.out.printf("Deliverability benchmark: %d messages of %d bytes a round, %d SMTP connections, %d rounds each, alternating%n",
                        messages, size, connections, rounds);
                Map<String, List<Double>> rates = new LinkedHashMap<>();
                for (int r = 1; r <= rounds; r++) {
                    for (String name : servers.keySet()) {
                        int before = sent.get(name);
                        DeliveryBenchmark.Round round = DeliveryBenchmark.round(servers.get(name), clients.get(name), messages,
                                connections, size, 1, before, before);
                        sent.put(name, before + messages);
                        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(round.deliveredPerSecond());
                        System.out.printf("  round %d, %-15s accepted %d, delivered %d in %.2f s = %.0f msg/s%n", r, name,
                                round.accepted(), round.delivered(), round.deliverSeconds(), round.deliveredPerSecond());
                    }
                }
                double off = median(rates.get("checks off"));
                for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
                    System.out.printf("%-15s median %.0f msg/s (%s), %.0f%% of checks off%n", e.getKey(), median(e.getValue()),
                            e.getValue().stream().map(v -> String.format("%.0f", v)).toList(), 100 * median(e.getValue()) / off);
                }
                System.out.println("Authentication-Results of a message the checked server delivered: "
                        + authenticationResults(clients.get("checks on")));
                signing(off);
            }
            if (outbound) {
                Map<String, Double> relayed = OutboundSigningBenchmark.run(messages, connections, size, rounds, warmup, closing, dirs);
                double on = relayed.get("signing on");
                double unsigned = relayed.get("signing off");
                System.out.printf("Outbound: signing on median %.0f msg/s, signing off %.0f msg/s: signed mail leaves at %.0f%%"
                        + " of the unsigned rate (signing costs %.1f%%)%n", on, unsigned, 100 * on / unsigned, 100 * (1 - on / unsigned));
                if (!inbound) {
                    signing(unsigned);
                }
            }
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                closing.get(i).close();
            }
            dirs.forEach(DeliveryBenchmark::deleteQuietly);
        }
    }

    /** Both DKIM signatures of a 1 KiB message, per message, against the time a message takes at {@code perSecond}. */
    private static void signing(double perSecond) throws Exception {
        Path dir = Files.createTempDirectory("facteur-bench-dkim");
        try {
            DkimKeys keys = new DkimKeys(dir);
            keys.ensure("bench.test");
            List<DkimKey> signing = keys.signingKeys("bench.test");
            byte[] message = ("From: <user0@bench.test>\r\nTo: <someone@remote.test>\r\nSubject: signed\r\n"
                    + "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\nMessage-ID: <signed@bench.test>\r\n\r\n" + "x".repeat(900) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2000; i++) {
                DkimSigner.sign(message, signing, Instant.now());
            }
            int n = 5000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                DkimSigner.sign(message, signing, Instant.now());
            }
            double ms = (System.nanoTime() - start) / 1e6 / n;
            double perMessage = 1000 / perSecond;
            System.out.printf("DKIM signing (%d keys: %s): %.3f ms a message on one core; a message takes %.1f ms of wall time"
                    + " at %.0f delivered/s on 2 cores, so signing is %.1f%% of it on one core (%.1f%% of both cores' time)%n",
                    signing.size(), signing.stream().map(k -> k.algorithm().toString()).toList(), ms, perMessage, perSecond,
                    100 * ms / perMessage, 100 * ms / (2 * perMessage));
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String authenticationResults(MailClient imap) throws Exception {
        try (Store store = imap.imap("user0@bench.test", "Bench-pass-1")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message last = inbox.getMessage(inbox.getMessageCount());
            String[] found = last.getHeader("Authentication-Results");
            return found == null ? "(none)" : String.join(" | ", found);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.put(key, value);
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
