package org.facteur.mailserver.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.TestMailServers;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq} (package {@code dnsmasq-base}) on 127.0.0.1 and a free high
 * port, answering the given TXT records and, for every other name under the given domains, that it does not exist
 * ({@code --local}); it asks no other server and reads neither {@code /etc/resolv.conf} nor {@code /etc/hosts}.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final String BINARY = "/usr/sbin/dnsmasq";
    private final Process process;
    private final int port;

    private Dnsmasq(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param txt name → record text (split into strings of at most 255 characters, as DNS requires) */
    public static Dnsmasq start(List<String> localDomains, Map<String, String> txt) throws IOException, InterruptedException {
        return start(localDomains, txt, 0);
    }

    /** @param ttlSeconds the TTL of the answers (0, dnsmasq's default, keeps resolvers from caching them) */
    public static Dnsmasq start(List<String> localDomains, Map<String, String> txt, int ttlSeconds)
            throws IOException, InterruptedException {
        return start(localDomains, txt, ttlSeconds, List.of());
    }

    /** @param options more dnsmasq options, such as {@code --mx-host=...} or {@code --host-record=...} */
    public static Dnsmasq start(List<String> localDomains, Map<String, String> txt, int ttlSeconds, List<String> options)
            throws IOException, InterruptedException {
        int port = TestMailServers.freePort();
        Path log = Files.createTempFile("dnsmasq", ".log");
        List<String> command = new ArrayList<>(List.of(BINARY, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--pid-file=", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--log-queries", "--log-facility=-", "--local-ttl=" + ttlSeconds));
        if (isRoot()) {
            command.add("--user=root");
        }
        for (String domain : localDomains) {
            command.add("--local=/" + domain + "/");
        }
        txt.forEach((name, text) -> command.add("--txt-record=" + name + "," + strings(text)));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // ready once it answers on TCP
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("dnsmasq stopped: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return new Dnsmasq(p, port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("dnsmasq did not start: " + Files.readString(log, StandardCharsets.UTF_8));
                }
                Thread.sleep(50);
            }
        }
    }

    private static String strings(String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            // dnsmasq takes each comma-separated text as one string, quotes included: none are written
            parts.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        return String.join(",", parts);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code 127.0.0.1:port}, as {@code FACTEUR_DNS_SERVERS} takes it. */
    public String server() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
