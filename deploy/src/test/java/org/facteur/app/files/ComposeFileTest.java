package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped compose file, judged by Compose itself ({@code docker-compose config}, Debian's package, which checks the
 * file against the Compose schema without a Docker daemon), with the example settings file in place.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("compose/compose.yaml");
    private static final Path ENV_EXAMPLE = Path.of("compose/facteur.env.example");

    @Test
    void composeAcceptsTheFileWithTheExampleSettings(@TempDir Path dir) throws Exception {
        Result config = config(copy(dir, Files.readString(COMPOSE)), "config");

        assertThat(config.exit()).as(config.output()).isZero();
        String resolved = config.output();
        assertThat(resolved).contains("FACTEUR_HOSTNAME: mail.example.org", "read_only: true", "no-new-privileges:true",
                "NET_BIND_SERVICE");
        assertThat(resolved).as("the webmail is published on loopback only").contains("- 127.0.0.1:8080:8080/tcp")
                .doesNotContain("- 8080:8080");
        assertThat(resolved).as("/metrics is not published").doesNotContain(":9325/tcp");
    }

    @Test
    void redisAndRspamdComeOnlyWithTheirProfilesAndAreNotPublished(@TempDir Path dir) throws Exception {
        String resolved = config(copy(dir, Files.readString(COMPOSE)), "config").output();
        String redis = resolved.substring(resolved.indexOf("\n  redis:"), resolved.indexOf("\n  rspamd:"));
        String rspamd = resolved.substring(resolved.indexOf("\n  rspamd:"), resolved.indexOf("\nvolumes:"));
        String facteur = resolved.substring(resolved.indexOf("\n  facteur:"), resolved.indexOf("\n  redis:"));

        assertThat(redis).contains("profiles:\n    - redis").doesNotContain("ports:");
        assertThat(rspamd).contains("profiles:\n    - rspamd").contains("/etc/rspamd/local.d").doesNotContain("ports:");
        assertThat(facteur).doesNotContain("profiles:");
    }

    @Test
    void theJudgeRefusesAMisspelledKey(@TempDir Path dir) throws Exception {
        Result config = config(copy(dir, Files.readString(COMPOSE).replace("cap_add:", "cap_adx:")), "config", "-q");

        assertThat(config.exit()).isNotZero();
        assertThat(config.output()).contains("cap_adx");
    }

    @Test
    void everySettingTheFilesNameIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher setting = Pattern.compile("FACTEUR_[A-Z_]+").matcher(Files.readString(COMPOSE) + Files.readString(ENV_EXAMPLE));
        int seen = 0;
        while (setting.find()) {
            assertThat(readme).as("README documents " + setting.group()).contains("`" + setting.group() + "`");
            seen++;
        }
        assertThat(seen).isGreaterThan(10);
    }

    private static Path copy(Path dir, String compose) throws IOException {
        Files.createDirectories(dir.resolve("compose"));
        Path file = Files.writeString(dir.resolve("compose/compose.yaml"), compose);
        Files.copy(ENV_EXAMPLE, dir.resolve("compose/facteur.env"));
        return file;
    }

    private record Result(int exit, String output) {
    }

    private static Result config(Path compose, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "docker-compose";
        command[1] = "-f";
        command[2] = compose.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("COMPOSE_") || k.startsWith("FACTEUR_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
