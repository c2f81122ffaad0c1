package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.DataDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (or systemd's SIGTERM) while Facteur starts. The JVM used to halt as soon as Spring's shutdown hook had
 * interrupted the start, before the start's thread said anything: one warning from Spring, no sentence of ours. Now
 * the process ends with the signal's status and a sentence saying it stopped as asked, and the data directory starts
 * cleanly afterwards.
 *
 * <p>To catch the start at the moment that matters (Spring waiting for the mail server), this test holds the data
 * directory's lock, as another Facteur would: the mail server's start then waits for it, and the test sends the
 * signal once the JVM's own thread dump shows Spring's thread waiting in {@code MailServerLifecycle.start}.
 */
class StopDuringStartIT {
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aStopWhileTheMailServerStartsEndsWithASentenceAndTheSignalsStatus(String signal, int status) throws Exception {
        Path data = Files.createTempDirectory("facteur-stop-during-start");
        FacteurProcess facteur = new FacteurProcess(data, Map.of());
        try {
            Path lockFile = DataDirectory.of(data).processLock();
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                facteur.begin();
                waitForSpringWaitingOnTheMailServer(facteur);
                assertThat(facteur.log()).contains("Another Facteur holds the data directory");
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(facteur.pid())).start();
                assertThat(kill.waitFor()).isZero();
                assertThat(facteur.process().waitFor(60, TimeUnit.SECONDS)).as("ended within 60 s").isTrue();
            }
            String log = facteur.log();
            assertThat(facteur.process().exitValue()).as(log).isEqualTo(status);
            assertThat(log).contains(FacteurApplication.STOPPED_WHILE_STARTING)
                    .doesNotContain("Facteur did not start")
                    .doesNotContain("Application run failed").doesNotContain(StopDuringStart.NO_REPORT);

            FacteurProcess again = new FacteurProcess(data, Map.of());
            try {
                again.start();
                assertThat(again.get("/health").statusCode()).isEqualTo(200);
            } finally {
                again.close();
            }
        } finally {
            facteur.close();
        }
    }

    private static void waitForSpringWaitingOnTheMailServer(FacteurProcess facteur) throws Exception {
        Path jcmd = Path.of(FacteurProcess.java()).resolveSibling("jcmd");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String dump = "";
        while (System.nanoTime() < deadline) {
            assertThat(facteur.process().isAlive()).as("Facteur still starting: " + facteur.log()).isTrue();
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(facteur.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (mainThread(dump).contains("MailServerLifecycle.start")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Spring never waited for the mail server's start:\n" + dump);
    }

    /** The stack of the thread named "main" in a {@code Thread.print} dump. */
    private static String mainThread(String dump) {
        int start = dump.indexOf("\"main\"");
        if (start < 0) {
            return "";
        }
        int end = dump.indexOf("\n\n", start);
        return end < 0 ? dump.substring(start) : dump.substring(start, end);
    }
}
