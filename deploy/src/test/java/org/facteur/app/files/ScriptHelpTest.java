package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.facteur.app.FacteurProcess;
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
    @TempDir
    Path tmp;
    Path mvnCalled;
    Map<String, String> standInMavenFirst;

    @BeforeEach
    void standInMaven() throws Exception {
        mvnCalled = tmp.resolve("mvn-was-called");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\ntouch '" + mvnCalled + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        standInMavenFirst = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    @Test
    void benchHelpNamesTheBenchmarksAndTheirDocumentationWithoutBuilding() throws Exception {
        FacteurProcess.Result bench = run("bench", "peer", "--help");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("./facteur bench [peer|cluster|", "docs/benchmark.md");
        assertThat(mvnCalled).as("Maven was not run").doesNotExist();
    }

    @Test
    void helpNamesEveryCommand() throws Exception {
        FacteurProcess.Result help = run("help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("./facteur start", "./facteur restore", "./facteur cluster start|stop",
                "for tests and demonstrations").doesNotContain("set -euo");
        assertThat(mvnCalled).doesNotExist();
    }

    /** {@code ./facteur ARGS} as a user runs it (the project's helper: output to files, killed after a minute). */
    private FacteurProcess.Result run(String... args) throws Exception {
        return FacteurProcess.script(tmp.resolve("data"), standInMavenFirst, Duration.ofSeconds(60), args);
    }
}
