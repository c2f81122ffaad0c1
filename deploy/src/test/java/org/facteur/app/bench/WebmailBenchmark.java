package org.facteur.app.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;

/**
 * Webmail benchmark: starts a fresh packaged Facteur, fills one member's INBOX with N messages over IMAP
 * (APPEND in batches over a few connections: varied senders, subjects and dates; a distinctive word in 1% of
 * the bodies), logs into the webmail with an HTTP client that keeps the session cookie and CSRF token,
 * warms up, then times R requests each of the inbox's first page ({@code GET /mail?folder=INBOX}) and of a
 * body search ({@code GET /mail?folder=INBOX&q=WORD&field=body}). Prints p50/p95/p99/max as the client
 * sees them (end-to-end HTTP over loopback, one request at a time) and as Tomcat's access log sees them
 * (time spent in the server, {@code %D}). Not a test: run it with {@code ./facteur bench webmail}.
 * Options: --messages N (10000) --requests R (200) --warmup W (50) --batch B (250 messages per
 * {@code appendMessages} call) --connections C (4 IMAP connections filling in parallel)
 * --jfr FILE (a JFR recording of the server during the timed requests) --env K=V (extra settings).
 */
public final class WebmailBenchmark {
    static final String USER = "reader@bench.test";
    static final String PASSWORD = "Bench-pass-1";
    /** In 1% of the bodies only, never in a subject or a sender: what the body search looks for. */
    static final String WORD = "zeppelin";
    static final String ACCESS_LOG_PATTERN = "%m %U%q %s %D";
    static final String[] SENDERS = {"alice", "bruno", "chloe", "david", "emma", "farid", "gaelle", "hugo", "ines",
            "jules", "karim", "lea", "marc", "nina", "omar", "paul", "quentin", "rose", "sami", "theo"};
    static final String[] DOMAINS = {"example.org", "asso.test", "mairie.test", "shop.test", "club.test"};
    static final String[] WORDS = {"réunion", "budget", "compte rendu", "invitation", "facture", "planning", "photos",
            "assemblée", "cotisation", "newsletter", "rappel", "projet", "bénévoles", "sortie", "vote", "bilan",
            "atelier", "calendrier", "inscription", "tournoi"};

    public static void main(String[] args) throws Exception {
        int messages = 10_000;
        int requests = 200;
        int warmup = 50;
        int batch = 250;
        int connections = 4;
        Path jfr = null;
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--jfr" -> jfr = Path.of(args[i + 1]).toAbsolutePath();
                case "--env" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("facteur-webmail-bench");
        Path accessLogs = data.resolve("access-log");
        withAccessLog(env, accessLogs);
        try (FacteurProcess facteur = new FacteurProcess(data, env)) {
            long t0 = System.nanoTime();
            facteur.start();
            double startup = DeliveryBenchmark.seconds(t0);
            DeliveryBenchmark.check(facteur.admin("domain", "add", "bench.test"));
            DeliveryBenchmark.check(facteur.admin("user", "add", USER, "--password", PASSWORD));

            MailClient mail = new MailClient(facteur.ports());
            long fillStart = System.nanoTime();
            int withWord = fill(mail, messages, batch, connections);
            double fill = DeliveryBenchmark.seconds(fillStart);

            Web web = new Web("http://127.0.0.1:" + facteur.http);
            web.logIn(USER, PASSWORD);
            String inbox = "/mail?folder=INBOX";
            String search = "/mail?folder=INBOX&q=" + WORD + "&field=body";
            web.expect(inbox, "Page 1 of " + (messages + 49) / 50);
            web.expect(inbox, "aria-label=\"" + String.format(java.util.Locale.ENGLISH, "%,d", messages) + " unread\"");
            web.expect(search, ": " + withWord + " found");
            for (int i = 0; i < warmup; i++) {
                web.get(inbox);
                web.get(search);
            }
            if (jfr != null) {
                jcmd(facteur.pid(), "JFR.start", "name=webmail", "settings=profile", "filename=" + jfr);
            }
            // Alternated, so that both see the same state of the JIT and the caches.
            long[] inboxNanos = new long[requests];
            long[] searchNanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                inboxNanos[i] = web.get(inbox);
                searchNanos[i] = web.get(search);
            }
            if (jfr != null) {
                jcmd(facteur.pid(), "JFR.stop", "name=webmail");
            }
            Thread.sleep(500); // the access log's last lines
            List<String> log = accessLog(accessLogs);

            System.out.printf("Facteur webmail benchmark: %d messages in INBOX (%d with \"%s\" in the body), "
                    + "%d timed requests each after %d of warm-up, one at a time%n", messages, withWord, WORD, requests, warmup);
            System.out.printf("  start-up: %.1f s; fill over IMAP (APPEND, %d per call, %d connection(s)): %.1f s = %.0f msg/s%n",
                    startup, batch, connections, fill, messages / fill);
            System.out.println("  end-to-end over loopback (client clock), ms:");
            System.out.println("    " + stats("inbox page 1", inboxNanos, 1e6));
            System.out.println("    " + stats("body search", searchNanos, 1e6));
            System.out.println("  in the server (Tomcat access log %D, request read to response written), ms:");
            System.out.println("    " + stats("inbox page 1", serverMicros(log, inbox, requests), 1e3));
            System.out.println("    " + stats("body search", serverMicros(log, search, requests), 1e3));
            if (jfr != null) {
                System.out.println("  JFR recording of the timed requests: " + jfr);
            }
        } finally {
            DeliveryBenchmark.deleteQuietly(data);
        }
    }

    /**
     * Appends {@code count} varied messages to INBOX over {@code connections} IMAP connections, in batches
     * of {@code batch} consecutive messages per {@code appendMessages} call; returns how many have
     * {@link #WORD} in their body. Message n is the same whatever the batch and connection counts.
     */
    static int fill(MailClient mail, int count, int batch, int connections) throws Exception {
        Instant now = Instant.now();
        AtomicInteger nextBatch = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                int withWord = 0;
                try (Store store = mail.imap(USER, PASSWORD)) {
                    Folder inbox = store.getFolder("INBOX");
                    Session session = mail.session();
                    int first;
                    while ((first = nextBatch.getAndAdd(batch)) < count) {
                        Message[] messages = new Message[Math.min(batch, count - first)];
                        for (int k = 0; k < messages.length; k++) {
                            messages[k] = message(session, first + k, count, now);
                            withWord += hasWord(first + k) ? 1 : 0;
                        }
                        inbox.appendMessages(messages);
                    }
                }
                return withWord;
            }));
        }
        int withWord = 0;
        for (Future<Integer> w : workers) {
            withWord += w.get();
        }
        pool.shutdown();
        return withWord;
    }

    static boolean hasWord(int n) {
        return n % 100 == 37;
    }

    /** Message number {@code n}: a sender, subject, date (an hour apart, newest last) and body of its own. */
    static MimeMessage message(Session session, int n, int count, Instant now) throws Exception {
        Random random = new Random(42L + n);
        MimeMessage m = new MimeMessage(session);
        String sender = SENDERS[random.nextInt(SENDERS.length)];
        m.setFrom(new InternetAddress(sender + "@" + DOMAINS[random.nextInt(DOMAINS.length)],
                Character.toUpperCase(sender.charAt(0)) + sender.substring(1), "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, USER);
        m.setSubject(WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " n°" + n, "UTF-8");
        m.setSentDate(java.util.Date.from(now.minusSeconds((long) (count - n) * 3600 + random.nextInt(3600))));
        StringBuilder body = new StringBuilder("Bonjour,\n\n");
        int lines = 5 + random.nextInt(30);
        for (int l = 0; l < lines; l++) {
            for (int w = 0; w < 10; w++) {
                body.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            body.append('\n');
        }
        if (hasWord(n)) {
            body.append("Le ").append(WORD).append(" arrive samedi.\n");
        }
        m.setText(body.append("\nÀ bientôt,\n").append(sender).append('\n').toString(), "UTF-8");
        m.saveChanges();
        return m;
    }

    /** One member's browser, as far as the server can tell: cookies, CSRF token, one request at a time. */
    static final class Web {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        Web(String base) {
            this.base = base;
        }

        void logIn(String user, String password) throws Exception {
            Matcher csrf = CSRF.matcher(send(HttpRequest.newBuilder(URI.create(base + "/login")).build()).body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token in the login page");
            }
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || location.contains("error") || location.contains("throttled")) {
                throw new IllegalStateException("login failed: " + r.statusCode() + " " + location);
            }
        }

        /** Posts a form of the page at {@code pagePath} (with its CSRF token) to {@code action}; the answer's status. */
        int post(String pagePath, String action, Map<String, String> fields) throws Exception {
            Matcher csrf = CSRF.matcher(send(request(pagePath)).body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token in " + pagePath);
            }
            StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
            fields.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(URI.create(base + action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build()).statusCode();
        }

        void expect(String path, String text) throws Exception {
            String body = send(request(path)).body();
            if (!body.contains(text)) {
                throw new IllegalStateException(path + " does not show \"" + text + "\":\n" + body);
            }
        }

        /** GETs {@code path} and reads the whole page; returns the nanoseconds it took. */
        long get(String path) throws Exception {
            HttpRequest request = request(path);
            long start = System.nanoTime();
            HttpResponse<String> r = send(request);
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            return took;
        }

        private HttpRequest request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "en").build();
        }

        private HttpResponse<String> send(HttpRequest request) throws Exception {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Spring Boot's Tomcat access log in {@code dir}, %D = microseconds in the server (Tomcat 10+), unbuffered. */
    static void withAccessLog(Map<String, String> env, Path dir) {
        env.putIfAbsent("SERVER_TOMCAT_ACCESSLOG_ENABLED", "true");
        env.putIfAbsent("SERVER_TOMCAT_ACCESSLOG_DIRECTORY", dir.toString());
        env.putIfAbsent("SERVER_TOMCAT_ACCESSLOG_PATTERN", ACCESS_LOG_PATTERN);
        env.putIfAbsent("SERVER_TOMCAT_ACCESSLOG_BUFFERED", "false");
        env.putIfAbsent("SERVER_TOMCAT_ACCESSLOG_ROTATE", "false");
    }

    static List<String> accessLog(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** The server times (%D, microseconds) of the last {@code count} 200 answers to {@code GET path}. */
    static long[] serverMicros(List<String> log, String path, int count) {
        String prefix = "GET " + path + " 200 ";
        long[] all = log.stream().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).strip())).toArray();
        return Arrays.copyOfRange(all, Math.max(0, all.length - count), all.length);
    }

    static String stats(String what, long[] values, double perMillisecond) {
        if (values.length == 0) {
            return what + ": no data";
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%-13s p50 %6.1f   p95 %6.1f   p99 %6.1f   max %6.1f   (n=%d)", what,
                percentile(sorted, 50) / perMillisecond, percentile(sorted, 95) / perMillisecond,
                percentile(sorted, 99) / perMillisecond, sorted[sorted.length - 1] / perMillisecond, sorted.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static void jcmd(long pid, String... command) throws Exception {
        Path jcmd = Path.of(FacteurProcess.java()).resolveSibling("jcmd");
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + out);
        }
    }
}
