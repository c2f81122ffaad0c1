package org.facteur.mailserver.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A zone-file judge that is not ours: BIND's {@code named-checkzone} (Debian's {@code bind9-utils}), run on the
 * records a test got from {@code admin dns} below the SOA and NS records a zone needs (which Facteur does not print),
 * plus an address for the mail host when it lies inside the zone. Strict: bad names, and MX or SRV records pointing
 * at a CNAME, fail.
 */
public final class NamedCheckzone {
    private NamedCheckzone() {
    }

    /** What named-checkzone said, and the zone as it parsed it (one canonical line per record). */
    public record Result(int exitCode, String messages, String canonical) {
        public boolean loaded() {
            return exitCode == 0;
        }
    }

    /**
     * @param origin the zone, e.g. {@code example.org}
     * @param records the printed lines (comments included)
     * @param mailHost the MX host; given an address when it is inside the zone
     */
    public static Result check(String origin, List<String> records, String mailHost) throws IOException, InterruptedException {
        List<String> zone = new ArrayList<>(List.of(
                "$TTL 3600",
                origin + ". IN SOA ns1." + origin + ". hostmaster." + origin + ". ( 1 7200 3600 1209600 3600 )",
                origin + ". IN NS ns1." + origin + ".",
                "ns1." + origin + ". IN A 192.0.2.53"));
        if (mailHost.equals(origin) || mailHost.endsWith("." + origin)) {
            zone.add(mailHost + ". IN A 192.0.2.25");
        }
        zone.addAll(records);
        Path dir = Files.createTempDirectory("zone");
        Path file = Files.write(dir.resolve(origin + ".zone"), zone, StandardCharsets.UTF_8);
        Path dump = dir.resolve("canonical");
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(binary(), "-k", "fail", "-n", "fail", "-M", "fail", "-S", "fail", "-i", "local",
                "-D", "-o", dump.toString(), origin, file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("named-checkzone hung");
        }
        String canonical = Files.exists(dump) ? Files.readString(dump) : "";
        return new Result(p.exitValue(), Files.readString(out), canonical);
    }

    private static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(dir, "named-checkzone"))) {
                return dir + "/named-checkzone";
            }
        }
        throw new IllegalStateException("named-checkzone is missing: install Debian's bind9-utils (deploy/test-packages.txt)");
    }
}
