package org.facteur.webmail.contacts;

import java.time.Clock;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The address books live next to the members' settings, under {@code facteur.webmail.settings-dir}. */
@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {
    @Bean
    AddressBook addressBook(WebmailProperties properties) {
        return new AddressBook(new FileContactStore(properties.settingsDir()), Clock.systemUTC());
    }
}
