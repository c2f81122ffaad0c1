package org.facteur.app.webmail;

import java.io.IOException;
import java.util.function.UnaryOperator;

import org.facteur.webmail.contacts.ContactList;
import org.facteur.webmail.contacts.ContactStore;
import org.facteur.webmail.encryption.PendingRecoveryKits;
import org.facteur.webmail.settings.MemberSettings;
import org.facteur.webmail.settings.SettingsStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webmail's settings, contact and recovery-kit reminder stores, answered by {@link WebmailStores} (the webmail's own files back off). */
@Configuration(proxyBeanMethods = false)
class WebmailStoresConfiguration {
    @Bean
    SettingsStore sharedSettingsStore(WebmailStores stores) {
        return new SettingsStore() {
            @Override
            public MemberSettings load(String address) throws IOException {
                return stores.settings().load(address);
            }

            @Override
            public void save(String address, MemberSettings settings) throws IOException {
                stores.settings().save(address, settings);
            }
        };
    }

    @Bean
    PendingRecoveryKits sharedPendingRecoveryKits(WebmailStores stores) {
        return new PendingRecoveryKits() {
            @Override
            public boolean pending(String address) {
                return stores.reminders().pending(address);
            }

            @Override
            public void markPending(String address) {
                stores.reminders().markPending(address);
            }

            @Override
            public void done(String address) {
                stores.reminders().done(address);
            }
        };
    }

    @Bean
    ContactStore sharedContactStore(WebmailStores stores) {
        return new ContactStore() {
            @Override
            public ContactList load(String member) throws IOException {
                return stores.contacts().load(member);
            }

            @Override
            public void save(String member, ContactList contacts) throws IOException {
                stores.contacts().save(member, contacts);
            }

            @Override
            public ContactList update(String member, UnaryOperator<ContactList> change) throws IOException {
                return stores.contacts().update(member, change);
            }
        };
    }
}
