package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class DataDirectoryLockTest {
    @TempDir
    Path root;

    /** Holds the lock in its own process until killed: {@code java -cp ... DataDirectoryLockTest$Holder DIR}. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DataDirectoryLock.acquire(DataDirectory.of(Path.of(args[0])), Duration.ZERO);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Prints whether another process could take the directory now, then ends: {@code ... $Probe DIR}. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (DataDirectoryLock lock = DataDirectoryLock.acquire(DataDirectory.of(Path.of(args[0])), Duration.ZERO)) {
                System.out.println("taken");
            } catch (IllegalStateException e) {
                System.out.println("refused");
            }
        }
    }

    /** Whether a process other than this one could take {@code dir} now. */
    static boolean anotherProcessCouldTake(Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the probe's answer").containsAnyOf("taken\n", "refused\n");
        return out.contains("taken\n");
    }

    @Test
    void aSecondFacteurOnTheSameDirectoryIsRefusedWithASentenceUntilTheFirstIsGoneEvenKilled() throws Exception {
        DataDirectory data = DataDirectory.of(root);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                root.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals("locked")) {
                said.append(line).append('\n'); // the JVM's or the logger's own lines
            }
            assertThat(line).as("the other process took the lock; it said: %s", said).isEqualTo("locked");

            assertThatThrownBy(() -> DataDirectoryLock.acquire(data, Duration.ofMillis(500)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Facteur is running on the data directory " + root.toAbsolutePath())
                    .hasMessageContaining("stop it first");

            other.destroyForcibly(); // kill -9: the operating system lets the lock go
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (DataDirectoryLock lock = DataDirectoryLock.acquire(data, Duration.ofSeconds(10))) {
                assertThat(lock).isNotNull();
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aFacteurStillStoppingIsWaitedForAndTheLockGoesAtItsClose() throws Exception {
        DataDirectory data = DataDirectory.of(root);
        DataDirectoryLock first = DataDirectoryLock.acquire(data, Duration.ZERO);
        assertThatThrownBy(() -> DataDirectoryLock.acquire(data, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        Thread stopping = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        long begin = System.nanoTime();
        stopping.start();
        try (DataDirectoryLock second = DataDirectoryLock.acquire(data, Duration.ofSeconds(30))) {
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("waited for the first").isGreaterThan(Duration.ofMillis(600));
            first.close(); // a second close does nothing, and above all does not let the second one's lock go
            assertThatThrownBy(() -> DataDirectoryLock.acquire(data, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        }
        stopping.join();
        DataDirectoryLock.acquire(data, Duration.ZERO).close(); // released: a third takes it at once
    }
}
