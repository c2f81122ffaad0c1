package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd unit, judged by systemd's own tools: {@code systemd-analyze verify} (syntax, unknown keys,
 * executables) and {@code systemd-analyze security --offline} (exposure score of the sandboxing).
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("systemd/facteur.service");

    @Test
    void systemdVerifiesTheUnitWithoutAWord() throws Exception {
        Result verify = run("systemd-analyze", "verify", UNIT.toAbsolutePath().toString());

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("every warning of systemd-analyze verify is a mistake in the unit").isBlank();
    }

    @Test
    void theJudgeSeesAMisspelledDirective(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("facteur.service");
        Files.writeString(broken, Files.readString(UNIT).replace("NoNewPrivileges=yes", "NoNewPrivilegez=yes"));

        Result verify = run("systemd-analyze", "verify", broken.toString());

        assertThat(verify.output()).contains("Unknown key 'NoNewPrivilegez'");
    }

    @Test
    void sandboxExposureIsLow() throws Exception {
        // systemd's scale: 0 (fully sandboxed) to 10 (nothing); a plain unit with only User= scores about 9.
        // --threshold is in tenths: 20 means "exits non-zero above 2.0".
        Result security = run("systemd-analyze", "security", "--offline=true", "--no-pager", "--threshold=20",
                UNIT.toAbsolutePath().toString());

        assertThat(security.exit()).as(security.output()).isZero();
        assertThat(security.output()).contains("Overall exposure level for facteur.service");
    }

    @Test
    void unitRunsUnprivilegedWithOnlyTheCapabilityForLowPorts() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("User=facteur", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                "StateDirectory=facteur", "Environment=FACTEUR_DATA_DIR=/var/lib/facteur");
    }

    @Test
    void everySettingTheUnitSetsIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher setting = Pattern.compile("FACTEUR_[A-Z_]+").matcher(Files.readString(UNIT));
        int seen = 0;
        while (setting.find()) {
            assertThat(readme).as("README documents " + setting.group()).contains("`" + setting.group() + "`");
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(6);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
