package org.facteur.app.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;

/**
 * Opening an encrypted message in the webmail, next to the same message in clear: starts a fresh packaged Facteur,
 * gives one member a key ({@code ./facteur admin pgp enable}), APPENDs a text message of about {@code --size} bytes
 * (50,000) to her INBOX twice, once as it is and once PGP/MIME-encrypted to her key as encryption at rest stores it,
 * logs into the webmail over HTTP, unlocks her key once ({@code POST /mail/unlock}), warms up, then times R requests
 * (50) of each message page ({@code GET /mail/message}), alternated, one at a time. Prints p50/p95/p99/max end to end
 * and in the server (Tomcat's access log), and the encrypted/plain ratios. Not a test: printed, not asserted. Run it
 * with {@code ./facteur bench encrypted}. Options: --size BYTES (50000) --requests R (50) --warmup W (20).
 */
public final class EncryptedMessageBenchmark {
    static final String USER = "reader@bench.test";
    static final String PASSWORD = "Bench-pass-1";
    static final String PASSPHRASE = "bench passphrase for the key";
    static final String LAST_LINE = "Fin du message de test.";

    public static void main(String[] args) throws Exception {
        int size = 50_000;
        int requests = 50;
        int warmup = 20;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("facteur-encrypted-bench");
        Path accessLogs = data.resolve("access-log");
        Map<String, String> env = new HashMap<>();
        WebmailBenchmark.withAccessLog(env, accessLogs);
        try (FacteurProcess facteur = new FacteurProcess(data, env)) {
            facteur.start();
            DeliveryBenchmark.check(facteur.admin("domain", "add", "bench.test"));
            DeliveryBenchmark.check(facteur.admin("user", "add", USER, "--password", PASSWORD));
            DeliveryBenchmark.check(facteur.admin("pgp", "enable", USER, "--passphrase", PASSPHRASE));
            FacteurProcess.Result exported = facteur.admin("pgp", "export-key", USER);
            DeliveryBenchmark.check(exported);
            Certificate key = Certificate.read(exported.out().getBytes(StandardCharsets.US_ASCII));

            MailClient mail = new MailClient(facteur.ports());
            MimeMessage plain = message(mail, "plain", size);
            MimeMessage encrypted = new PgpMime().encrypt(message(mail, "encrypted", size), List.of(key),
                    HeaderProtection.KEEP_SUBJECT);
            Map<String, long[]> stored = append(mail, plain, encrypted); // subject -> {uid, size}

            WebmailBenchmark.Web web = new WebmailBenchmark.Web("http://127.0.0.1:" + facteur.http);
            web.logIn(USER, PASSWORD);
            String plainPage = "/mail/message?folder=INBOX&uid=" + stored.get("plain")[0];
            String encryptedPage = "/mail/message?folder=INBOX&uid=" + stored.get("encrypted")[0];
            int unlocked = web.post(encryptedPage, "/mail/unlock",
                    Map.of("folder", "INBOX", "uid", Long.toString(stored.get("encrypted")[0]), "passphrase", PASSPHRASE));
            if (unlocked != 302) {
                throw new IllegalStateException("unlock answered " + unlocked);
            }
            web.expect(encryptedPage, "decrypted with your key");
            web.expect(encryptedPage, LAST_LINE);
            web.expect(plainPage, LAST_LINE);
            for (int i = 0; i < warmup; i++) {
                web.get(plainPage);
                web.get(encryptedPage);
            }
            long[] plainNanos = new long[requests];
            long[] encryptedNanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                plainNanos[i] = web.get(plainPage);
                encryptedNanos[i] = web.get(encryptedPage);
            }
            Thread.sleep(500); // the access log's last lines
            List<String> log = WebmailBenchmark.accessLog(accessLogs);
            long[] plainServer = WebmailBenchmark.serverMicros(log, plainPage, requests);
            long[] encryptedServer = WebmailBenchmark.serverMicros(log, encryptedPage, requests);

            System.out.printf("Facteur encrypted message benchmark: a %,d-character text body, stored %,d bytes in clear and "
                    + "%,d bytes PGP/MIME-encrypted; key unlocked once; %d timed GET /mail/message each after %d of warm-up, "
                    + "alternated, one at a time%n", size, stored.get("plain")[1], stored.get("encrypted")[1], requests, warmup);
            System.out.println("  end-to-end over loopback (client clock), ms:");
            System.out.println("    " + WebmailBenchmark.stats("plain", plainNanos, 1e6));
            System.out.println("    " + WebmailBenchmark.stats("encrypted", encryptedNanos, 1e6));
            System.out.println("    " + ratios(encryptedNanos, plainNanos));
            System.out.println("  in the server (Tomcat access log %D), ms:");
            System.out.println("    " + WebmailBenchmark.stats("plain", plainServer, 1e3));
            System.out.println("    " + WebmailBenchmark.stats("encrypted", encryptedServer, 1e3));
            System.out.println("    " + ratios(encryptedServer, plainServer));
        } finally {
            DeliveryBenchmark.deleteQuietly(data);
        }
    }

    /** A text message of about {@code size} characters, the same words for both subjects. */
    static MimeMessage message(MailClient mail, String subject, int size) throws Exception {
        Random random = new Random(42);
        StringBuilder body = new StringBuilder("Bonjour,\n\n");
        while (body.length() < size - LAST_LINE.length() - 1) {
            for (int w = 0; w < 10; w++) {
                body.append(WebmailBenchmark.WORDS[random.nextInt(WebmailBenchmark.WORDS.length)]).append(' ');
            }
            body.append('\n');
        }
        body.append(LAST_LINE).append('\n');
        MimeMessage m = new MimeMessage(mail.session());
        m.setFrom(new InternetAddress("alice@example.org", "Alice", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, USER);
        m.setSubject(subject);
        m.setText(body.toString(), "UTF-8");
        m.saveChanges();
        return m;
    }

    /** APPENDs the messages to INBOX; for each subject, its UID and its size as stored. */
    static Map<String, long[]> append(MailClient mail, MimeMessage... messages) throws Exception {
        Map<String, long[]> stored = new HashMap<>();
        try (Store store = mail.imap(USER, PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(messages);
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                stored.put(m.getSubject(), new long[] {((UIDFolder) inbox).getUID(m), m.getSize()});
            }
            inbox.close(false);
        }
        return stored;
    }

    static String ratios(long[] encrypted, long[] plain) {
        long[] e = encrypted.clone();
        long[] p = plain.clone();
        java.util.Arrays.sort(e);
        java.util.Arrays.sort(p);
        return String.format("encrypted / plain: p50 x%.2f   p95 x%.2f", (double) WebmailBenchmark.percentile(e, 50)
                / WebmailBenchmark.percentile(p, 50), (double) WebmailBenchmark.percentile(e, 95) / WebmailBenchmark.percentile(p, 95));
    }
}
