package org.facteur.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What every {@link ContactStore} does: run on the files of one node and on the shared database. */
public abstract class ContactStoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected abstract ContactStore store() throws Exception;

    @Test
    void eachMemberHasHerOwnBook() throws Exception {
        ContactStore store = store();
        assertThat(store.load("alice@example.org").size()).isZero();
        store.save("Alice@Example.org", ContactList.of(List.of(new Contact("Bob Martin", "bob@example.org", 3, T0))));
        store.save("bob@example.org", ContactList.of(List.of(new Contact("", "carol@example.org", 1, T0))));
        assertThat(store.load("alice@example.org").stored())
                .containsExactly(new Contact("Bob Martin", "bob@example.org", 3, T0));
        assertThat(store.load("bob@example.org").stored()).extracting(Contact::address).containsExactly("carol@example.org");
        assertThat(store.load("carol@example.org").size()).isZero();
    }

    @Test
    void anUpdateWorksOnWhatIsStoredAndReplacesIt() throws Exception {
        ContactStore store = store();
        store.save("alice@example.org", ContactList.of(List.of(new Contact("Bob", "bob@example.org", 2, T0),
                new Contact("Carol", "carol@example.org", 1, T0))));
        ContactList after = store.update("alice@example.org", contacts -> contacts
                .recorded(List.of(new Contact("Bob Martin", "BOB@example.org", 1, null)), T0.plusSeconds(60))
                .without("carol@example.org"));
        assertThat(store.load("alice@example.org").stored()).isEqualTo(after.stored())
                .containsExactly(new Contact("Bob Martin", "BOB@example.org", 3, T0.plusSeconds(60)));
        store.save("alice@example.org", ContactList.of(List.of()));
        assertThat(store.load("alice@example.org").size()).isZero();
    }

    @Test
    void keepsAFullBookWithEveryCharacterOfTheNames() throws Exception {
        ContactStore store = store();
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < ContactList.MAX + 20; i++) {
            many.add(new Contact("Zoë « n°" + i + " » 🌍 O'Brien; DROP TABLE x", "z" + i + "@example.org", i % 7 + 1,
                    T0.plusSeconds(i)));
        }
        ContactList book = ContactList.of(many);
        store.save("alice@example.org", book);
        ContactList loaded = store.load("alice@example.org");
        assertThat(loaded.size()).isEqualTo(ContactList.MAX);
        assertThat(loaded.stored()).containsExactlyInAnyOrderElementsOf(book.stored());
        assertThat(loaded.stored()).extracting(Contact::address).doesNotContain("z0@example.org");
    }
}
