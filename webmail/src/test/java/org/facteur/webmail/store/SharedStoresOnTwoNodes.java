package org.facteur.webmail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.InternetAddress;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.webmail.contacts.AddressBook;
import org.facteur.webmail.contacts.Contact;
import org.facteur.webmail.contacts.ContactList;
import org.facteur.webmail.contacts.FileContactStore;
import org.facteur.webmail.contacts.JdbcContactStore;
import org.facteur.webmail.encryption.FilePendingRecoveryKits;
import org.facteur.webmail.encryption.JdbcPendingRecoveryKits;
import org.facteur.webmail.settings.FileSettingsStore;
import org.facteur.webmail.settings.JdbcSettingsStore;
import org.facteur.webmail.settings.MemberSettings;

/**
 * What the database stores add to the contract: two nodes (two pools, two address books, each with its own in-memory
 * lock) changing one member's book at once lose nothing, and a node's files are copied in once without overwriting
 * what the database already holds.
 */
final class SharedStoresOnTwoNodes {
    private SharedStoresOnTwoNodes() {
    }

    static void twoNodesRecordingAtOnceBothCount(Database nodeA, Database nodeB) throws Exception {
        AddressBook a = new AddressBook(new JdbcContactStore(nodeA.dataSource()), Clock.systemUTC());
        AddressBook b = new AddressBook(new JdbcContactStore(nodeB.dataSource()), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                AddressBook node = i % 2 == 0 ? a : b;
                String recipient = "r" + (i % 5) + "@example.org";
                done.add(pool.submit(() -> {
                    node.sent("alice@example.org", List.of(new InternetAddress("bob@example.org"), new InternetAddress(recipient)));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        ContactList seenFromA = a.contacts("alice@example.org");
        assertThat(seenFromA.stored()).hasSize(6);
        assertThat(seenFromA.stored()).filteredOn(c -> c.address().equals("bob@example.org")).extracting(Contact::uses)
                .as("40 messages to Bob, half through each node").containsExactly(40);
        assertThat(seenFromA.stored()).filteredOn(c -> c.address().startsWith("r")).extracting(Contact::uses)
                .containsOnly(8);
        assertThat(b.contacts("alice@example.org").stored()).isEqualTo(seenFromA.stored());
    }

    static void aNodesFilesAreCopiedInOnceAndTheDatabaseWins(Database database, Path files) throws Exception {
        JdbcSettingsStore settings = new JdbcSettingsStore(database.dataSource());
        JdbcContactStore contacts = new JdbcContactStore(database.dataSource());
        settings.save("alice@example.org", new MemberSettings("Alice (database)", ""));
        contacts.save("alice@example.org", ContactList.of(List.of(new Contact("", "db@example.org", 1, null))));

        FileSettingsStore fileSettings = new FileSettingsStore(files);
        FileContactStore fileContacts = new FileContactStore(files);
        fileSettings.save("alice@example.org", new MemberSettings("Alice (file)", ""));
        fileSettings.save("Bob@example.org", new MemberSettings("Bob", "-- Bob", true));
        fileContacts.save("alice@example.org", ContactList.of(List.of(new Contact("", "file@example.org", 1, null))));
        fileContacts.save("bob@example.org", ContactList.of(List.of(new Contact("Carol", "carol@example.org", 4, null))));

        assertThat(settings.copyMissing(fileSettings)).isEqualTo(1);
        assertThat(contacts.copyMissing(fileContacts)).isEqualTo(1);
        assertThat(settings.load("alice@example.org").displayName()).isEqualTo("Alice (database)");
        assertThat(settings.load("bob@example.org")).isEqualTo(new MemberSettings("Bob", "-- Bob", true));
        assertThat(contacts.load("alice@example.org").stored()).extracting(Contact::address).containsExactly("db@example.org");
        assertThat(contacts.load("bob@example.org").stored()).extracting(Contact::name, Contact::uses)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Carol", 4));

        fileSettings.save("bob@example.org", new MemberSettings("Bob (changed on the old node)", ""));
        contacts.save("bob@example.org", ContactList.of(List.of()));
        assertThat(settings.copyMissing(fileSettings)).as("copied once: the next start copies nothing").isZero();
        assertThat(contacts.copyMissing(fileContacts)).isZero();
        assertThat(settings.load("bob@example.org").displayName()).isEqualTo("Bob");
        assertThat(contacts.load("bob@example.org").size()).as("a book emptied through a node stays empty").isZero();

        contacts.update("dora@example.org", book -> book.without("nobody@example.org"));
        fileContacts.save("dora@example.org", ContactList.of(List.of(new Contact("", "eve@example.org", 2, null))));
        assertThat(contacts.copyMissing(fileContacts)).as("a change that changed nothing made no book for Dora").isEqualTo(1);
        assertThat(contacts.load("dora@example.org").stored()).extracting(Contact::address).containsExactly("eve@example.org");

        FilePendingRecoveryKits fileReminders = new FilePendingRecoveryKits(files);
        JdbcPendingRecoveryKits reminders = new JdbcPendingRecoveryKits(database.dataSource());
        fileReminders.markPending("carol@example.org");
        assertThat(reminders.moveIn(fileReminders)).isEqualTo(1);
        assertThat(reminders.pending("carol@example.org")).isTrue();
        assertThat(fileReminders.members()).as("moved, not copied").isEmpty();
        reminders.done("carol@example.org");
        assertThat(reminders.moveIn(fileReminders)).as("a reminder settled through another node does not come back").isZero();
        assertThat(reminders.pending("carol@example.org")).isFalse();
    }
}
