package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --help} after {@code ./facteur bench KIND} answers with what the benchmarks are and where their options are
 * described, at once: it used to build everything and then fail inside Maven with "unknown option --help" and a stack
 * trace. A stand-in {@code mvn} first on the PATH notes any call, so the test knows nothing was built.
 */
class ScriptHelpTest {
    private static final Path SCRIPT = Path.of("..", "facteur").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void benchHelpNamesTheBenchmarksAndTheirDocumentationWithoutBuilding() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path called = tmp.resolve("mvn-was-called");
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\ntouch '" + called + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();

        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "bench", "peer", "--help").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        Process bench = pb.start();
        String said = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(bench.exitValue()).as(said).isZero();
        assertThat(said).contains("./facteur bench [peer|cluster|", "docs/benchmark.md");
        assertThat(called).as("Maven was not run").doesNotExist();
    }
}
