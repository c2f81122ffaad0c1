package org.facteur.webmail.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link PendingRecoveryKits} does: run on the files of one node and on the shared database. */
public abstract class PendingRecoveryKitsContract {
    protected abstract PendingRecoveryKits reminders() throws Exception;

    @Test
    void aReminderLastsUntilTheKitIsDownloadedForThatMemberOnly() throws Exception {
        PendingRecoveryKits reminders = reminders();
        assertThat(reminders.pending("alice@example.org")).isFalse();
        reminders.markPending("Alice@Example.org");
        reminders.markPending("alice@example.org");
        assertThat(reminders.pending("alice@example.org")).isTrue();
        assertThat(reminders.pending("bob@example.org")).isFalse();
        reminders.done("ALICE@example.org");
        assertThat(reminders.pending("alice@example.org")).isFalse();
        reminders.done("alice@example.org");
        assertThat(reminders.pending("alice@example.org")).isFalse();
    }
}
