package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.facteur.app.bench.PeerBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./facteur start} as a user types it, with the script's own JVM options (no {@code FACTEUR_JAVA_OPTS}; every
 * other test sets its own): this JDK accepts every one of them without a warning, the server runs with them from the
 * extracted jar, answers SMTP, and stops cleanly on SIGTERM. {@code JvmOptionsTest} keeps the systemd unit, the
 * compose file and the cluster script on the same options.
 */
class StartScriptIT {
    @TempDir
    Path dir;

    @Test
    void theStartScriptsOwnJvmOptionsRunFacteurOnThisJdk() throws Exception {
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), Map.of())) {
            facteur.javaOptions.clear();
            facteur.startAsUserWould();

            List<String> arguments = ProcessHandle.of(facteur.pid()).orElseThrow().info().arguments()
                    .map(List::of).orElseThrow();
            assertThat(arguments).containsAll(PeerBenchmark.defaultJavaOptions())
                    .anyMatch(a -> a.endsWith("deploy/target/run/facteur.jar"));
            assertThat(facteur.log()).doesNotContain("VM warning").doesNotContain("Unrecognized VM option");
            try (Socket smtp = new Socket("127.0.0.1", facteur.smtp)) {
                smtp.setSoTimeout(10_000);
                String greeting = new BufferedReader(new InputStreamReader(smtp.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("220 ");
            }

            assertThat(facteur.terminate(Duration.ofSeconds(60))).isIn(0, 143);
            assertThat(facteur.log()).contains("Mail server stopped");
        }
    }
}
