package org.facteur.webmail.settings;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Members' settings live in files under {@code facteur.webmail.settings-dir}, unless the application that mounts the
 * webmail provides its own {@link SettingsStore} (Facteur does: a shared database when several nodes serve it).
 */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {
    @Bean
    @ConditionalOnMissingBean(SettingsStore.class)
    SettingsStore settingsStore(WebmailProperties properties) {
        return new FileSettingsStore(properties.settingsDir());
    }
}
