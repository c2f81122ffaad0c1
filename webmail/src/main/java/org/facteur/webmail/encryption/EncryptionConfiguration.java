package org.facteur.webmail.encryption;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recovery-kit reminders live next to the members' settings. The {@link MemberKeys} bean comes from the host. */
@Configuration(proxyBeanMethods = false)
class EncryptionConfiguration {
    @Bean
    PendingRecoveryKits pendingRecoveryKits(WebmailProperties properties) {
        return new PendingRecoveryKits(properties.settingsDir());
    }
}
