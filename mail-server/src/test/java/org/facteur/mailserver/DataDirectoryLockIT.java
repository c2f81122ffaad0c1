package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server holds its data directory against other processes, through a backup, until it is closed. */
class DataDirectoryLockIT {
    @TempDir
    Path data;
    @TempDir
    Path snapshots;

    @Test
    void theRunningServerHoldsItsDirectoryThroughABackupAndLetsItGoWhenClosed() throws Exception {
        try (FacteurMailServer server = FacteurMailServer.start(TestMailServers.settings(data))) {
            assertThat(DataDirectoryLockTest.anotherProcessCouldTake(data)).as("while running").isFalse();
            server.backup(snapshots); // reads the whole data directory: must not drop the lock
            assertThat(DataDirectoryLockTest.anotherProcessCouldTake(data)).as("after a backup").isFalse();
        }
        assertThat(DataDirectoryLockTest.anotherProcessCouldTake(data)).as("once closed").isTrue();
    }

    @Test
    void aStartThatFailsLetsTheDirectoryGo() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (ServerSocket taken = new ServerSocket(settings.ports().imap(), 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> FacteurMailServer.start(settings)).isNotNull();
        }
        assertThat(DataDirectoryLockTest.anotherProcessCouldTake(data)).isTrue();
    }
}
