package org.facteur.webmail.contacts;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.internet.InternetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members' address books: what the webmail sends adds its recipients, completion reads them, the Contacts page
 * lists and deletes them. Every call names the member, taken from her session by the caller; changes of one member
 * are made one at a time (two tabs sending at once both count).
 */
public class AddressBook {
    private static final Logger LOG = LoggerFactory.getLogger(AddressBook.class);
    private final ContactStore store;
    private final Clock clock;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public AddressBook(ContactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records that the member just sent a message to {@code recipients} (groups and addresses without a domain are
     * left out). The message is sent already: a failure to record is logged, not thrown.
     */
    public void sent(String member, List<InternetAddress> recipients) {
        List<Contact> people = new ArrayList<>();
        for (InternetAddress a : recipients) {
            if (!a.isGroup() && a.getAddress() != null && a.getAddress().indexOf('@') > 0) {
                people.add(new Contact(a.getPersonal(), a.getAddress(), 1, null));
            }
        }
        if (people.isEmpty()) {
            return;
        }
        try {
            synchronized (lock(member)) {
                store.update(member, contacts -> contacts.recorded(people, clock.instant()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("webmail: could not record the recipients of {} in the address book: {}", member, e.toString());
        }
    }

    /** The member's contacts completing {@code typed}, most used first. */
    public List<Contact> completing(String member, String typed, int limit) throws IOException {
        return store.load(member).completing(typed, limit);
    }

    public ContactList contacts(String member) throws IOException {
        return store.load(member);
    }

    /** Deletes one address from the member's book (it comes back if she writes to it again). */
    public void delete(String member, String address) throws IOException {
        synchronized (lock(member)) {
            store.update(member, contacts -> contacts.without(address));
        }
    }

    private Object lock(String member) {
        return locks.computeIfAbsent(Contact.key(member), k -> new Object());
    }
}
