package org.facteur.webmail.contacts;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** Where each member's correspondents are kept, apart from every other member's. */
public interface ContactStore {
    /** The member's contacts; an empty list when she has none yet. */
    ContactList load(String member) throws IOException;

    void save(String member, ContactList contacts) throws IOException;

    /**
     * Replaces the member's contacts with {@code change} applied to them and returns the new list. Here a load and a
     * save: the caller makes one member's changes one at a time ({@link AddressBook}); a store shared by several nodes
     * makes it one step, so that changes made through two nodes at once both count.
     */
    default ContactList update(String member, UnaryOperator<ContactList> change) throws IOException {
        ContactList before = load(member);
        ContactList after = change.apply(before);
        if (!after.stored().equals(before.stored())) {
            save(member, after);
        }
        return after;
    }
}
