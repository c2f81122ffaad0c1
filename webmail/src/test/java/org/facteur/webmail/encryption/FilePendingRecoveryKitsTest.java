package org.facteur.webmail.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePendingRecoveryKitsTest extends PendingRecoveryKitsContract {
    @TempDir
    Path dir;

    @Override
    protected PendingRecoveryKits reminders() {
        return new FilePendingRecoveryKits(dir.resolve("settings"));
    }

    @Test
    void listsTheMembersWithAReminder() throws Exception {
        FilePendingRecoveryKits reminders = new FilePendingRecoveryKits(dir.resolve("settings"));
        reminders.markPending("bob@example.org");
        reminders.markPending("Alice@example.org");
        assertThat(reminders.members()).containsExactly("alice@example.org", "bob@example.org");
    }
}
