package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.bench.PeerBenchmark;
import org.junit.jupiter.api.Test;

/**
 * One set of JVM options: {@code ./facteur start}'s defaults (the script owns them) are all in what the systemd unit,
 * the compose file, the cluster script (with its own heap size: three nodes share one machine) and the peer benchmark
 * use, so that a change measured in one place reaches every way of running Facteur. The unit and the compose file
 * also carry the native heap trim (the script adds it where the JDK has it) and {@code -XX:+ExitOnOutOfMemoryError}.
 */
class JvmOptionsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyWayOfRunningFacteurUsesTheStartScriptsOptions() throws Exception {
        List<String> script = split(find(ROOT.resolve("facteur"), "(?m)^DEFAULT_JAVA_OPTS=\"([^\"]+)\""));
        assertThat(script).contains("-Xmx1g", "-XX:NewSize=64m");
        String trim = "-XX:TrimNativeHeapInterval=2000"; // added by the script where the JDK has it

        List<String> unit = split(find(ROOT.resolve("deploy/systemd/facteur.service"), "(?m)^ExecStart=\\S+ (.*) -jar "));
        List<String> compose = Arrays.stream(find(ROOT.resolve("deploy/compose/compose.yaml"),
                "command: \\[\"java\", (.*), \"-jar\"").split(",\\s*")).map(o -> o.replace("\"", "")).toList();
        List<String> cluster = split(find(ROOT.resolve("deploy/cluster/cluster.sh"), "FACTEUR_JAVA_OPTS:-([^}]+)}"));

        assertThat(unit).as("systemd unit").containsAll(script).contains(trim, "-XX:+ExitOnOutOfMemoryError");
        assertThat(compose).as("compose file").containsAll(script).contains(trim, "-XX:+ExitOnOutOfMemoryError");
        assertThat(cluster).as("cluster script, heap size apart")
                .containsAll(script.stream().filter(o -> !o.startsWith("-Xmx")).toList());
        assertThat(PeerBenchmark.defaultJavaOptions()).as("peer benchmark").containsAll(script);
    }

    private static List<String> split(String options) {
        return List.of(options.trim().split("\\s+"));
    }

    private static String find(Path file, String regex) throws Exception {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
        assertThat(m.find()).as("%s in %s", regex, file).isTrue();
        return m.group(1);
    }
}
