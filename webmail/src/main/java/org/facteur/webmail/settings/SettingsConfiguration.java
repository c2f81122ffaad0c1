package org.facteur.webmail.settings;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Members' settings live in files under {@code facteur.webmail.settings-dir}. */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {
    @Bean
    SettingsStore settingsStore(WebmailProperties properties) {
        return new FileSettingsStore(properties.settingsDir());
    }
}
