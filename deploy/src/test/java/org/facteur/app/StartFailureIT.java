package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A Facteur that cannot start must end, not hang: with its MX port already taken by another program, the packaged
 * Facteur used to log "Application run failed" and then stay alive without serving anything (threads the half-started
 * mail server left behind), so systemd or a container runtime took it for a running server. Now it exits with status
 * 1 and one sentence naming the cause.
 */
class StartFailureIT {
    @Test
    void aPortAlreadyInUseEndsTheProcessWithStatusOneAndTheCause() throws Exception {
        Path data = Files.createTempDirectory("facteur-start-failure");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            FacteurProcess facteur = new FacteurProcess(data, Map.of("FACTEUR_SMTP_PORT", Integer.toString(taken.getLocalPort())));
            try {
                assertThatThrownBy(facteur::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("Facteur exited with 1:")
                        .hasMessageContaining("Facteur did not start: Address already in use");
            } finally {
                facteur.close();
            }
            assertThat(facteur.process().isAlive()).isFalse();
            // the exit did not wait for the hook that holds a stop during the start until the start has spoken
            assertThat(facteur.log()).doesNotContain(StopDuringStart.NO_REPORT);
        }
    }
}
