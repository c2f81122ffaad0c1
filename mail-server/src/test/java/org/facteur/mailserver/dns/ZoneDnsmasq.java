package org.facteur.mailserver.dns;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq} ({@code dnsmasq-base}) on 127.0.0.1 and a high port, answering
 * only the records it is given, authoritative for the zone (other names: no such name), forwarding nothing.
 */
public final class ZoneDnsmasq implements AutoCloseable {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private final Process process;
    private final Path log;
    public final int port;

    private ZoneDnsmasq(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code host:port}, as FACTEUR_DNS_SERVERS takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Serves the records of zone-file lines as {@code admin dns} prints them (TXT, MX, SRV, CNAME, A), comments skipped,
     * for {@code zone} and the names under it.
     */
    public static ZoneDnsmasq serving(String zone, List<String> zoneLines) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(binary(), "--keep-in-foreground", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
                "--pid-file=", "--user=" + System.getProperty("user.name"), "--local=/" + zone + "/", "--cache-size=0"));
        for (String line : zoneLines) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 5);
            String name = bare(f[0]);
            String[] data = f[4].strip().split("\\s+");
            cmd.add(switch (f[3]) {
                case "TXT" -> "--txt-record=" + name + "," + strings(f[4]);
                case "MX" -> "--mx-host=" + name + "," + bare(data[1]) + "," + data[0];
                case "SRV" -> "--srv-host=" + name + "," + bare(data[3]) + "," + data[2] + "," + data[0] + "," + data[1];
                case "CNAME" -> "--cname=" + name + "," + bare(data[0]);
                case "A" -> "--host-record=" + name + "," + data[0];
                default -> throw new IllegalArgumentException("dnsmasq: no option for " + line);
            });
        }
        Path log = Files.createTempFile("dnsmasq", ".log");
        cmd.add("--log-facility=" + log);
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ZoneDnsmasq dnsmasq = new ZoneDnsmasq(process, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains("started")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                dnsmasq.close();
                throw new IllegalStateException("dnsmasq did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return dnsmasq;
    }

    private static String bare(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String strings(String data) {
        Matcher m = QUOTED.matcher(data);
        List<String> strings = new ArrayList<>();
        while (m.find()) {
            strings.add(m.group(1));                // on the command line, quotes would be part of the text
        }
        return String.join(",", strings);
    }

    private static String binary() {
        for (String dir : List.of("/usr/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, "dnsmasq"))) {
                return dir + "/dnsmasq";
            }
        }
        throw new IllegalStateException("dnsmasq is missing: install Debian's dnsmasq-base (deploy/test-packages.txt)");
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
