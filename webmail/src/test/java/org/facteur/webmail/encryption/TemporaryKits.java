package org.facteur.webmail.encryption;

import java.nio.file.Files;

import org.springframework.context.annotation.Bean;

/**
 * Recovery-kit reminders in a fresh temporary directory, for the controller slices. Imported, not annotated: the
 * webmail's own component scan would otherwise find it in a full application ({@code live.RunningWebmail}).
 */
class TemporaryKits {
    @Bean
    PendingRecoveryKits pendingRecoveryKits() throws Exception {
        return new FilePendingRecoveryKits(Files.createTempDirectory("kits"));
    }
}
