package org.facteur.webmail.contacts;

import java.time.Clock;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The address books live next to the members' settings, under {@code facteur.webmail.settings-dir}, unless the
 * application that mounts the webmail provides its own {@link ContactStore} (Facteur does, with a shared database).
 */
@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {
    @Bean
    @ConditionalOnMissingBean(ContactStore.class)
    ContactStore contactStore(WebmailProperties properties) {
        return new FileContactStore(properties.settingsDir());
    }

    @Bean
    AddressBook addressBook(ContactStore contacts) {
        return new AddressBook(contacts, Clock.systemUTC());
    }
}
