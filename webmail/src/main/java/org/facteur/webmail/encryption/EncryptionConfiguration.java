package org.facteur.webmail.encryption;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recovery-kit reminders live next to the members' settings, unless the host provides its own
 * {@link PendingRecoveryKits} (Facteur does, with a shared database). The {@link MemberKeys} bean comes from the host.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionConfiguration {
    @Bean
    @ConditionalOnMissingBean(PendingRecoveryKits.class)
    PendingRecoveryKits pendingRecoveryKits(WebmailProperties properties) {
        return new FilePendingRecoveryKits(properties.settingsDir());
    }
}
