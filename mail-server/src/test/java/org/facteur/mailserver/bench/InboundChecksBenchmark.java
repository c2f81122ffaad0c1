package org.facteur.mailserver.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.dkim.DkimKey;
import org.facteur.mailserver.dkim.DkimKeys;
import org.facteur.mailserver.dkim.DkimSigner;
import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;

/**
 * Delivered messages per second on the MX with the inbound checks (SPF, DKIM with both of Facteur's signatures, DMARC
 * p=reject, all passing, DNS by a local dnsmasq) and without them (the same messages from 127.0.0.1, which is exempt),
 * in one run, alternating rounds. Not a test, no assertion:
 * {@code java -cp <mail-server test class path> org.facteur.mailserver.bench.InboundChecksBenchmark [messages] [rounds]}.
 */
public final class InboundChecksBenchmark {
    private static final String CHECKED = "127.0.0.2";
    private static final String EXEMPT = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DkimKeys keys = new DkimKeys(Files.createTempDirectory("bench-dkim"));
        keys.ensure("sender.test");
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("sender.test", "v=spf1 ip4:" + CHECKED + " -all");
        txt.put("_dmarc.sender.test", "v=DMARC1; p=reject");
        for (DkimKey k : keys.signingKeys("sender.test")) {
            txt.put(k.recordName(), k.recordText());
        }
        Path data = Files.createTempDirectory("bench-inbound");
        // answers live an hour, as real records do: the server's resolver caches them as it would in production
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), txt, 3600)) {
            MailServerSettings settings = TestMailServers.settings(data).withDnsServers(DnsServers.parse(dns.server()));
            try (FacteurMailServer server = FacteurMailServer.start(settings)) {
                server.admin().addDomain("example.org");
                server.admin().addUser("alice@example.org", "S3cret-pass-bench");
                MailClient client = new MailClient(settings.ports());
                int delivered = 0;
                delivered += run(settings, client, EXEMPT, keys, 50, delivered); // warm-up
                delivered += run(settings, client, CHECKED, keys, 50, delivered);
                for (int r = 1; r <= rounds; r++) {
                    for (String from : List.of(EXEMPT, CHECKED)) {
                        long start = System.nanoTime();
                        delivered += run(settings, client, from, keys, messages, delivered);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf("round %d, checks %-3s: %d messages delivered in %.2f s = %.0f delivered/s%n", r,
                                from.equals(CHECKED) ? "on" : "off", messages, seconds, messages / seconds);
                    }
                }
            }
        }
    }

    private static final int CONNECTIONS = 4;

    /** Sends {@code n} signed messages over {@link #CONNECTIONS} connections from {@code client}, returns once all are in INBOX. */
    private static int run(MailServerSettings settings, MailClient imap, String clientAddress, DkimKeys keys, int n, int before)
            throws Exception {
        List<byte[]> messages = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(signed(keys, before + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CONNECTIONS);
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            sent.add(pool.submit(() -> {
                try (SmtpDialogue smtp = new SmtpDialogue(settings.ports().smtp(), clientAddress)) {
                    smtp.reply();
                    smtp.command("EHLO mx.sender.test");
                    for (int i = first; i < n; i += CONNECTIONS) {
                        smtp.command("MAIL FROM:<news@sender.test>");
                        smtp.command("RCPT TO:<alice@example.org>");
                        smtp.command("DATA");
                        smtp.sendBytes(messages.get(i));
                        String reply = smtp.command(".");
                        if (!reply.startsWith("250")) {
                            throw new IllegalStateException("refused: " + reply);
                        }
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Store store = imap.imap("alice@example.org", "S3cret-pass-bench")) {
            while (System.nanoTime() < deadline) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                int count = inbox.getMessageCount();
                inbox.close(false);
                if (count >= before + n) {
                    return n;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("not all delivered in 5 minutes");
    }

    private static byte[] signed(DkimKeys keys, int i) {
        StringBuilder body = new StringBuilder();
        while (body.length() < 3000) {
            body.append("The quick brown fox jumps over the lazy dog, again and  again.\r\n");
        }
        byte[] message = ("From: News <news@sender.test>\r\nTo: alice@example.org\r\nSubject: Bench " + i + "\r\n"
                + "Date: Wed, 2 Dec 2026 03:00:00 +0000\r\nMessage-ID: <" + i + "." + System.nanoTime() + "@sender.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();
        for (String field : DkimSigner.sign(message, keys.signingKeys("sender.test"), Instant.now())) {
            out.append(field);
        }
        return (out + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
