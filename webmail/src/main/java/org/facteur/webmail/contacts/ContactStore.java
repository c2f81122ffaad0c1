package org.facteur.webmail.contacts;

import java.io.IOException;

/** Where each member's correspondents are kept, apart from every other member's. */
public interface ContactStore {
    /** The member's contacts; an empty list when she has none yet. */
    ContactList load(String member) throws IOException;

    void save(String member, ContactList contacts) throws IOException;
}
