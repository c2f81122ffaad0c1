package org.facteur.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of {@code facteur admin}; the round trips against a server are in FacteurAppIT. */
class AdminCliTest {
    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new AdminCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FACTEUR_DATA_DIR", data.toString())).run(args);
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        assertThat(run()).isEqualTo(AdminCli.USAGE);
        assertThat(out.toString()).contains("domain add NAME", "quota set ADDRESS");
    }

    @Test
    void helpSucceeds() {
        assertThat(run("help")).isZero();
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("mailbox", "explode")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("Unknown command 'mailbox explode'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("domain", "list", "--verbose", "yes")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("Unknown option --verbose");
    }

    @Test
    void badQuotaSizeIsAUsageError() {
        assertThat(run("quota", "set", "a@b.org", "--storage", "plenty")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("'plenty' is not a size");
    }

    @Test
    void aliasAddNeedsTwoAddresses() {
        assertThat(run("alias", "add", "only@one.org")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void noServerInTheDataDirectoryIsReportedClearly() {
        assertThat(run("domain", "list")).isEqualTo(AdminCli.UNREACHABLE);
        assertThat(err.toString()).contains("No running Facteur found in " + data);
    }

    @Test
    void dataDirOptionWinsOverTheEnvironment() {
        assertThat(run("--data-dir", data.resolve("elsewhere").toString(), "domain", "list")).isEqualTo(AdminCli.UNREACHABLE);
        assertThat(err.toString()).contains("elsewhere");
    }
}
