package org.facteur.mailserver.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;

/**
 * IMAP SEARCH benchmark: fills one mailbox with N generated messages (words from a fixed vocabulary, so some keys
 * are rare and some common) and times UID SEARCH BODY, TEXT, SUBJECT and FROM over a socket, p50 and p95. With
 * {@code --peer HOST:PORT --peer-user U --peer-password P} (a Dovecot on plain IMAP) it fills the peer's INBOX the
 * same way and alternates the rounds between the two, printing ratios. Several {@code --peer} may be given (each
 * followed by its own {@code --peer-…} options), for example a Dovecot without and one with a full-text plugin; with
 * {@code --peer-maildir DIR [--peer-dovecot-config FILE]} a peer is filled through its Maildir ({@link PeerMaildir}).
 * Not a test: run it with {@code ./facteur bench search [--messages N] [--rounds R] [--peer 127.0.0.1:10143
 * --peer-user U --peer-password P [--peer-name NAME] [--peer-maildir DIR] [--peer-dovecot-config FILE]]…}.
 */
public final class SearchBenchmark {
    private static final String USER = "bench@example.org";
    private static final String PASSWORD = "Tr0mbone-pass";

    /**
     * A peer to compare with: a Dovecot on plain IMAP. With a Maildir it is filled by writing the messages into that
     * Maildir's {@code cur} (owned as the Maildir is), which is how a large mailbox arrives in practice (a migration,
     * a restore) and takes minutes where 100,000 APPENDs take hours; with a Dovecot configuration the bench then runs
     * {@code doveadm index} on it (what builds a full-text index when the peer has the {@code fts} plugin).
     */
    private record Peer(String name, String host, int port, String user, String password, Path maildir, Path dovecotConfig) {
        Peer with(String option, String value) {
            return switch (option) {
                case "--peer-user" -> new Peer(name, host, port, value, password, maildir, dovecotConfig);
                case "--peer-password" -> new Peer(name, host, port, user, value, maildir, dovecotConfig);
                case "--peer-name" -> new Peer(value, host, port, user, password, maildir, dovecotConfig);
                case "--peer-maildir" -> new Peer(name, host, port, user, password, Path.of(value), dovecotConfig);
                case "--peer-dovecot-config" -> new Peer(name, host, port, user, password, maildir, Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }

        static Peer at(String hostPort, int number) {
            int colon = hostPort.lastIndexOf(':');
            return new Peer("peer" + number, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                    null, null, null, null);
        }

        Client connect() throws Exception {
            return Client.plain(host, port, user, password);
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = 10_000;
        int rounds = 20;
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--peer" -> peers.add(Peer.at(args[i + 1], peers.size() + 1));
                default -> {
                    if (peers.isEmpty() || !args[i].startsWith("--peer-")) {
                        throw new IllegalArgumentException("unknown option " + args[i] + " (--peer-… options follow a --peer)");
                    }
                    peers.set(peers.size() - 1, peers.get(peers.size() - 1).with(args[i], args[i + 1]));
                }
            }
        }
        Path data = Files.createTempDirectory("facteur-search-bench");
        MailServerSettings settings = TestMailServers.settings(data);
        List<byte[]> corpus = corpus(messages);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("BODY rare word", "UID SEARCH BODY " + WORDS[WORDS.length - 3]);
        keys.put("BODY common word", "UID SEARCH BODY " + WORDS[1]);
        keys.put("BODY substring", "UID SEARCH BODY " + WORDS[WORDS.length - 7].substring(1, 6));
        keys.put("BODY absent", "UID SEARCH BODY zzqxjv");
        keys.put("TEXT rare word", "UID SEARCH TEXT " + WORDS[WORDS.length - 5]);
        keys.put("SUBJECT word", "UID SEARCH SUBJECT " + WORDS[40]);
        keys.put("FROM address", "UID SEARCH FROM sender17@");
        keys.put("UNSEEN (flags)", "UID SEARCH UNSEEN");
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(USER, PASSWORD);
            Client facteur = Client.starttls("127.0.0.1", settings.ports().imap(), USER, PASSWORD);
            long t = System.nanoTime();
            fill(() -> Client.starttls("127.0.0.1", settings.ports().imap(), USER, PASSWORD), corpus);
            facteur.command("SELECT INBOX");
            System.out.printf("Facteur: %d messages appended in %.1f s (4 connections)%n", messages, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            boolean caughtUp = server.awaitSearchIndex(java.time.Duration.ofMinutes(30));
            System.out.printf("Facteur: index caught up %.1f s after the last APPEND (%s)%n", (System.nanoTime() - t) / 1e9, caughtUp ? "ok" : "timeout");
            List<Client> others = new ArrayList<>();
            for (Peer peer : peers) {
                others.add(filled(peer, corpus));
            }
            Path index = DataDirectory.of(settings.dataDir()).searchIndex();
            long bytes;
            try (var files = Files.walk(index)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("Facteur: index %.1f MiB, %.0f bytes per message (messages: %.1f MiB)%n", bytes / 1048576.0,
                    (double) bytes / messages, corpus.stream().mapToLong(b -> b.length).sum() / 1048576.0);
            StringBuilder header = new StringBuilder(String.format("%-18s %22s", "key", "Facteur p50/p95 (hits)"));
            for (Peer peer : peers) {
                header.append(String.format(" | %22s %13s", peer.name() + " p50/p95 (hits)", "ratio p50/p95"));
            }
            System.out.println(header);
            for (Map.Entry<String, String> key : keys.entrySet()) {
                List<Double> f = new ArrayList<>();
                List<List<Double>> p = new ArrayList<>();
                int[] hits = new int[peers.size() + 1];
                for (int k = 0; k < peers.size(); k++) {
                    p.add(new ArrayList<>());
                }
                for (int r = 0; r < rounds; r++) { // alternate: one Facteur run, then one run of each peer
                    hits[0] = facteur.timed(key.getValue(), f);
                    for (int k = 0; k < peers.size(); k++) {
                        hits[k + 1] = others.get(k).timed(key.getValue(), p.get(k));
                    }
                }
                StringBuilder line = new StringBuilder(String.format("%-18s %22s", key.getKey(),
                        String.format("%.1f / %.1f (%d)", pct(f, 50), pct(f, 95), hits[0])));
                for (int k = 0; k < peers.size(); k++) {
                    List<Double> q = p.get(k);
                    line.append(String.format(" | %22s %13s", String.format("%.1f / %.1f (%d)", pct(q, 50), pct(q, 95), hits[k + 1]),
                            String.format("%.2f / %.2f", pct(f, 50) / pct(q, 50), pct(f, 95) / pct(q, 95))));
                }
                System.out.println(line);
            }
            facteur.close();
            for (Client other : others) {
                other.close();
            }
        }
    }

    /** Fills the peer's INBOX (APPEND over 4 connections, or files written into its Maildir), then selects it. */
    private static Client filled(Peer peer, List<byte[]> corpus) throws Exception {
        long t = System.nanoTime();
        if (peer.maildir() == null) {
            fill(peer::connect, corpus);
            System.out.printf("%s: %d messages appended in %.1f s (4 connections)%n", peer.name(), corpus.size(), (System.nanoTime() - t) / 1e9);
        } else {
            PeerMaildir.write(peer.maildir(), corpus);
            System.out.printf("%s: %d messages written into %s in %.1f s%n", peer.name(), corpus.size(), peer.maildir(), (System.nanoTime() - t) / 1e9);
            if (peer.dovecotConfig() != null) {
                t = System.nanoTime();
                PeerMaildir.index(peer.dovecotConfig(), peer.user());
                System.out.printf("%s: doveadm index INBOX took %.1f s%n", peer.name(), (System.nanoTime() - t) / 1e9);
            }
        }
        Client client = peer.connect();
        t = System.nanoTime();
        client.command("SELECT INBOX");
        System.out.printf("%s: first SELECT INBOX %.1f s%n", peer.name(), (System.nanoTime() - t) / 1e9);
        return client;
    }

    private static double pct(List<Double> values, int p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    /** A vocabulary where word i appears with a probability that falls with i (Zipf-like). */
    private static final String[] WORDS = vocabulary(2000);

    private static String[] vocabulary(int n) {
        Random r = new Random(7);
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            int len = 4 + r.nextInt(7);
            for (int k = 0; k < len; k++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }

    private static String word(Random r) {
        double u = r.nextDouble();
        return WORDS[(int) Math.min(WORDS.length - 1, Math.floor(Math.pow(u, 3) * WORDS.length))];
    }

    private static List<byte[]> corpus(int n) {
        Random r = new Random(42);
        List<byte[]> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder subject = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                subject.append(word(r)).append(' ');
            }
            StringBuilder body = new StringBuilder();
            int words = 100 + r.nextInt(300);
            for (int k = 0; k < words; k++) {
                body.append(word(r)).append(k % 12 == 11 ? "\r\n" : " ");
            }
            String m = "From: Sender " + (i % 50) + " <sender" + (i % 50) + "@example.net>\r\n"
                    + "To: bench@example.org\r\n"
                    + "Subject: " + subject.toString().trim() + "\r\n"
                    + "Date: Mon, 1 Jan 2024 12:00:00 +0000\r\n"
                    + "Message-ID: <bench" + i + "@example.net>\r\n\r\n" + body + "\r\n";
            messages.add(m.getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    interface Connect {
        Client open() throws Exception;
    }

    /** APPENDs the corpus over four connections at once (as a client syncing a folder would). */
    private static void fill(Connect connect, List<byte[]> corpus) throws Exception {
        int lanes = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(lanes);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int first = lane;
            done.add(pool.submit(() -> {
                try (Client c = connect.open()) {
                    for (int i = first; i < corpus.size(); i += lanes) {
                        c.append("INBOX", corpus.get(i));
                    }
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** A minimal IMAP client: one connection, tagged commands, synchronizing literals for APPEND. */
    private static final class Client implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;
        private int tag;

        static Client starttls(String host, int port, String user, String password) throws Exception {
            Client c = new Client(host, port);
            c.command("STARTTLS");
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(c.socket, host, port, true);
            s.startHandshake();
            c.socket = s;
            c.streams();
            c.login(user, password);
            return c;
        }

        static Client plain(String host, int port, String user, String password) throws Exception {
            Client c = new Client(host, port);
            c.login(user, password);
            return c;
        }

        private Client(String host, int port) throws IOException {
            socket = new Socket(host, port);
            streams();
            in.readLine();
        }

        private void streams() throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        private void login(String user, String password) throws IOException {
            String reply = command("LOGIN \"" + user + "\" \"" + password + "\"");
            if (!reply.contains("OK")) {
                throw new IOException("login refused: " + reply);
            }
        }

        String command(String command) throws IOException {
            String t = "b" + (++tag);
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readUntil(t);
        }

        private String readUntil(String t) throws IOException {
            StringBuilder reply = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                reply.append(line).append('\n');
                if (line.startsWith(t + " ")) {
                    if (!line.startsWith(t + " OK")) {
                        throw new IOException("command failed: " + line);
                    }
                    return reply.toString();
                }
            }
            throw new IOException("connection closed");
        }

        void append(String mailbox, byte[] message) throws IOException {
            String t = "b" + (++tag);
            out.write((t + " APPEND " + mailbox + " {" + message.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String go = in.readLine();
            if (go == null || !go.startsWith("+")) {
                throw new IOException("APPEND refused: " + go);
            }
            out.write(message);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readUntil(t);
        }

        /** Runs a UID SEARCH, adds its time in ms to {@code times}, returns the number of hits. */
        int timed(String search, List<Double> times) throws IOException {
            long t = System.nanoTime();
            String reply = command(search);
            times.add((System.nanoTime() - t) / 1e6);
            return (int) Arrays.stream(reply.split("\n")).filter(l -> l.startsWith("* SEARCH"))
                    .flatMap(l -> Arrays.stream(l.substring(8).trim().split(" "))).filter(s -> !s.isEmpty()).count();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
