package org.facteur.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facteur.app.config.FacteurProperties;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.DataDirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The mail server starts on its own thread as soon as its bean exists, while Spring goes on creating the others: the
 * lifecycle's start waits for it, a failed start is reported there, and a context that fails before that start still
 * closes the server (its listeners and the data directory go with the context).
 */
class MailServerLifecycleTest {
    @TempDir
    Path data;

    @Test
    void startWaitsForTheServerAndStopClosesIt() throws Exception {
        FacteurProperties props = props(data, freePorts());
        MailServerLifecycle mail = new MailServerLifecycle(props, new SimpleMeterRegistry());
        try {
            mail.start();
            assertThat(mail.isRunning()).isTrue();
            assertThat(mail.server()).hasValueSatisfying(s -> assertThat(s.isReady()).isTrue());
            mail.stop();
            assertThat(mail.isRunning()).isFalse();
        } finally {
            mail.destroy(); // after stop: nothing left to close, and no second close
        }
        assertThat(accepts(props.ports().smtp())).isFalse();
        assertDirectoryFree();
    }

    @Test
    void aContextFailingBeforeTheStartStillClosesTheServerStartedMeanwhile() throws Exception {
        FacteurProperties props = props(data, freePorts());
        MailServerLifecycle mail = new MailServerLifecycle(props, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(mail::startEnded); // started meanwhile
        assertThat(accepts(props.ports().smtp())).isTrue();
        mail.destroy(); // Spring destroys the beans it made when a later one fails: start() never ran
        assertThat(mail.isRunning()).isFalse();
        assertThat(accepts(props.ports().smtp())).isFalse();
        assertThat(accepts(props.ports().imap())).isFalse();
        assertDirectoryFree();
    }

    @Test
    void aStopSignalDuringStartUpStillClosesTheServerOnceItHasStarted() throws Exception {
        FacteurProperties props = props(data, freePorts());
        MailServerLifecycle mail = new MailServerLifecycle(props, new SimpleMeterRegistry());
        Thread.currentThread().interrupt(); // Spring's shutdown hook interrupts a start-up it finds waiting
        assertThatThrownBy(mail::start).isInstanceOf(IllegalStateException.class)
                .hasMessage(MailServerLifecycle.STOPPED);
        assertThat(Thread.interrupted()).as("start() keeps the interrupt").isTrue();
        assertThat(mail.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(60)).until(mail::startEnded); // it went on starting
        assertThat(accepts(props.ports().smtp())).isTrue();

        Thread.currentThread().interrupt(); // Spring goes on closing on that interrupted thread
        try {
            mail.stop(); // the lifecycle processor stops what it started: nothing here
            mail.destroy(); // closes what the start produced, without the interrupt cutting the close short
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is given back").isTrue();
        }
        assertThat(accepts(props.ports().smtp())).isFalse();
        assertThat(accepts(props.ports().imap())).isFalse();
        assertDirectoryFree();
        assertThatThrownBy(mail::start).hasMessageContaining("does not start again");
    }

    @Test
    void aStartStillWaitingForTheDataDirectoryIsAbandonedAtDestroy() throws Exception {
        FacteurProperties props = props(data, freePorts());
        MailServerLifecycle mail;
        try (DataDirectoryLock another = DataDirectoryLock.acquire(DataDirectory.of(data), Duration.ZERO)) {
            mail = new MailServerLifecycle(props, new SimpleMeterRegistry()); // waits up to 60 s for the directory
            Thread.sleep(500);
            // a Ctrl-C now: destroy ends that wait instead of sitting out the 60 s
            assertTimeoutPreemptively(Duration.ofSeconds(30), mail::destroy);
        }
        assertThat(mail.isRunning()).isFalse();
        assertThat(accepts(props.ports().smtp())).as("it never started").isFalse();
        assertDirectoryFree();
    }

    @Test
    void aStopAskedForBeforeTheStartWaitsEndsTheWaitInsteadOfTheWholeStart() throws Exception {
        FacteurProperties props = props(data, freePorts());
        AtomicBoolean stopAskedFor = new AtomicBoolean(true); // Spring's hook found this thread busy: no interrupt
        MailServerLifecycle mail;
        try (DataDirectoryLock another = DataDirectoryLock.acquire(DataDirectory.of(data), Duration.ZERO)) {
            mail = new MailServerLifecycle(props, new SimpleMeterRegistry(), stopAskedFor::get);
            try {
                // the start itself would wait up to 60 s for the directory
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(mail::start)
                        .isInstanceOf(IllegalStateException.class).hasMessage(MailServerLifecycle.STOPPED));
                assertThat(mail.isRunning()).isFalse();
            } finally {
                assertTimeoutPreemptively(Duration.ofSeconds(30), mail::destroy);
            }
        }
        assertThat(accepts(props.ports().smtp())).as("it never started").isFalse();
        assertDirectoryFree();
    }

    @Test
    void aServerThatCannotStartFailsTheLifecycleStartWithTheCause() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int[] ports = freePorts();
            ports[0] = taken.getLocalPort();
            MailServerLifecycle mail = new MailServerLifecycle(props(data, ports), new SimpleMeterRegistry());
            try {
                assertThatThrownBy(mail::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("The mail server could not start: ")
                        .hasRootCauseMessage("Address already in use");
                assertThat(mail.isRunning()).isFalse();
            } finally {
                mail.destroy();
            }
        }
        assertDirectoryFree();
    }

    private void assertDirectoryFree() throws Exception {
        try (DataDirectoryLock free = DataDirectoryLock.acquire(DataDirectory.of(data), Duration.ZERO)) {
            assertThat(free).isNotNull();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] freePorts() throws IOException {
        int[] ports = new int[5];
        ServerSocket[] open = new ServerSocket[ports.length];
        try {
            for (int i = 0; i < ports.length; i++) {
                open[i] = new ServerSocket(0);
                ports[i] = open[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    private static FacteurProperties props(Path data, int[] ports) {
        return new FacteurProperties(data, "mail.example.org", "127.0.0.1",
                new FacteurProperties.Ports(ports[0], ports[1], ports[2], ports[3], ports[4]),
                new FacteurProperties.Tls("", ""),
                new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 50, DataSize.ofMegabytes(50),
                        "127.0.0.0/8, ::1", 1000, "1GB"),
                new FacteurProperties.Outbound("", "", List.of(Duration.ofMinutes(5)), 5, true), 2,
                new FacteurProperties.Lists("lists", Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30), 100,
                        3, 5, 10, Duration.ofHours(1)),
                new FacteurProperties.Database("", "", ""),
                "127.0.0.0/8, ::1", "", false);
    }
}
