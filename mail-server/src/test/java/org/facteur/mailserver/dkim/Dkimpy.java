package org.facteur.mailserver.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM verifier that is not ours: dkimpy (Debian's {@code python3-dkim}), run as a separate process. Each
 * DKIM-Signature of the message is verified on its own, with the public keys taken from the given TXT records
 * instead of the DNS.
 */
public final class Dkimpy {
    private static final String SCRIPT = """
            import sys, json, dkim
            msg = open(sys.argv[1], 'rb').read()
            records = json.load(open(sys.argv[2]))
            def dnsfunc(name, timeout=5):
                n = (name.decode() if isinstance(name, bytes) else name).rstrip('.')
                return records[n].encode() if n in records else None
            def verdict(i):
                try:
                    return bool(dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc))
                except dkim.DKIMException as e:
                    print(e, file=sys.stderr)
                    return False
            count = sum(1 for line in msg.split(b'\\n') if line.lower().startswith(b'dkim-signature:'))
            print(json.dumps([verdict(i) for i in range(count)]))
            """;

    private Dkimpy() {
    }

    /** The verdict of dkimpy on each DKIM-Signature of the message, from the top. */
    public static List<Boolean> verify(byte[] message, Map<String, String> txtRecords) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dkimpy");
        try {
            Path msg = Files.write(dir.resolve("message.eml"), message);
            StringBuilder json = new StringBuilder("{");
            txtRecords.forEach((name, text) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                    .append("\":\"").append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
            Path records = Files.writeString(dir.resolve("records.json"), json.append('}'));
            Path script = Files.writeString(dir.resolve("verify.py"), SCRIPT);
            Process p = new ProcessBuilder(python(), script.toString(), msg.toString(), records.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("dkimpy did not answer in 60 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("dkimpy failed: " + out);
            }
            String last = out.lines().reduce((a, b) -> b).orElse("");
            List<Boolean> verdicts = new ArrayList<>();
            for (String v : last.replaceAll("[\\[\\] ]", "").split(",")) {
                if (!v.isEmpty()) {
                    verdicts.add(Boolean.parseBoolean(v));
                }
            }
            return verdicts;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** Debian's Python, where {@code python3-dkim} installs (a pyenv python3 on the PATH would not have it). */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static final Pattern TXT_LINE = Pattern.compile("^(\\S+)\\s+\\d+\\s+IN\\s+TXT\\s+(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /** TXT records of zone-file lines (as printed by {@code facteur admin dns}), name without the final dot to text. */
    public static Map<String, String> txtRecords(List<String> zoneLines) {
        Map<String, String> records = new LinkedHashMap<>();
        for (String line : zoneLines) {
            Matcher m = TXT_LINE.matcher(line.strip());
            if (m.matches()) {
                StringBuilder text = new StringBuilder();
                Matcher q = QUOTED.matcher(m.group(2));
                while (q.find()) {
                    text.append(q.group(1));
                }
                records.put(m.group(1).replaceAll("\\.$", ""), text.toString());
            }
        }
        return records;
    }
}
