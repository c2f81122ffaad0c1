package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script's help. {@code --help} after {@code ./facteur bench KIND} answers with what the benchmarks are and where
 * their options are described, at once: it used to build everything and then fail inside Maven with "unknown option
 * --help" and a stack trace. A stand-in {@code mvn} first on the PATH notes any call, so the tests know nothing was
 * built. {@code ./facteur help} prints every command (a fixed range of lines had left out the cluster).
 */
class ScriptHelpTest {
    private static final Path SCRIPT = Path.of("..", "facteur").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path mvnCalled;

    @BeforeEach
    void standInMaven() throws Exception {
        mvnCalled = tmp.resolve("mvn-was-called");
        Path mvn = Files.writeString(Files.createDirectories(tmp.resolve("bin")).resolve("mvn"),
                "#!/bin/sh\ntouch '" + mvnCalled + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void benchHelpNamesTheBenchmarksAndTheirDocumentationWithoutBuilding() throws Exception {
        Said bench = run("bench", "peer", "--help");

        assertThat(bench.exit()).as(bench.out()).isZero();
        assertThat(bench.out()).contains("./facteur bench [peer|cluster|", "docs/benchmark.md");
        assertThat(mvnCalled).as("Maven was not run").doesNotExist();
    }

    @Test
    void helpNamesEveryCommand() throws Exception {
        Said help = run("help");

        assertThat(help.exit()).as(help.out()).isZero();
        assertThat(help.out()).contains("./facteur start", "./facteur restore", "./facteur cluster start|stop",
                "for tests and demonstrations").doesNotContain("set -euo");
        assertThat(mvnCalled).doesNotExist();
    }

    private record Said(int exit, String out) {
    }

    /** Runs the script with bash (its mode bits do not matter), output to a file, killed if it outlasts a minute. */
    private Said run(String... args) throws Exception {
        Path out = tmp.resolve("out");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
        pb.command().addAll(java.util.List.of(args));
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME",
                Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended within a minute").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Said(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
