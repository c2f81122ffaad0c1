package org.facteur.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContactListTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Contact person(String name, String address) {
        return new Contact(name, address, 1, null);
    }

    @Test
    void writingToSomeoneAgainCountsOnceMoreAndKeepsTheNameGivenLast() {
        ContactList book = ContactList.of(List.of())
                .recorded(List.of(person("Bob", "bob@example.org"), person("", "carol@example.org")), T0)
                .recorded(List.of(person("Bob Martin", "Bob@Example.org"), person("", "carol@example.org"),
                        person("", "BOB@example.org")), T0.plusSeconds(60));
        assertThat(book.stored()).extracting(Contact::name, Contact::address, Contact::uses, Contact::lastUsed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bob Martin", "Bob@Example.org", 2, T0.plusSeconds(60)),
                        org.assertj.core.groups.Tuple.tuple("", "carol@example.org", 2, T0.plusSeconds(60)));
        ContactList again = book.recorded(List.of(person("", "bob@example.org")), T0.plusSeconds(120));
        assertThat(again.stored().get(0).name()).as("no name given: the known one stays").isEqualTo("Bob Martin");
    }

    @Test
    void keepsTheFiveHundredWrittenToMostRecently() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < ContactList.MAX; i++) {
            many.add(new Contact("", "p" + i + "@example.org", 50, T0.plusSeconds(i)));
        }
        ContactList book = ContactList.of(many).recorded(List.of(person("New", "new@example.org")), T0.plusSeconds(10_000));
        assertThat(book.size()).isEqualTo(ContactList.MAX);
        assertThat(book.stored().get(0).address()).isEqualTo("new@example.org");
        assertThat(book.stored()).extracting(Contact::address).doesNotContain("p0@example.org").contains("p1@example.org");
    }

    @Test
    void completesByPrefixOfAddressNameOrWordOfTheNameIgnoringCaseAndAccents() {
        ContactList book = ContactList.of(List.of(
                new Contact("Élise Durand", "elise@example.org", 1, T0),
                new Contact("Jean-Marc Öberg", "jm@example.net", 1, T0),
                new Contact("", "durandal@example.com", 1, T0)));
        assertThat(book.completing("eli", 10)).extracting(Contact::address).containsExactly("elise@example.org");
        assertThat(book.completing("ÉLI", 10)).extracting(Contact::address).containsExactly("elise@example.org");
        assertThat(book.completing("dur", 10)).extracting(Contact::address)
                .containsExactlyInAnyOrder("elise@example.org", "durandal@example.com");
        assertThat(book.completing("marc", 10)).extracting(Contact::address).containsExactly("jm@example.net");
        assertThat(book.completing("oberg", 10)).extracting(Contact::address).containsExactly("jm@example.net");
        assertThat(book.completing("example", 10)).as("not a substring search").isEmpty();
        assertThat(book.completing("  ", 10)).isEmpty();
    }

    @Test
    void completionsComeMostUsedFirstThenMostRecent() {
        ContactList book = ContactList.of(List.of(
                new Contact("", "anne@example.org", 2, T0.plusSeconds(5)),
                new Contact("", "annie@example.org", 9, T0),
                new Contact("", "anna@example.org", 2, T0.plusSeconds(9)),
                new Contact("", "ann@example.org", 1, T0.plusSeconds(99))));
        assertThat(book.completing("ann", 3)).extracting(Contact::address)
                .containsExactly("annie@example.org", "anna@example.org", "anne@example.org");
    }

    @Test
    void deletingIgnoresCaseAndTouchesNoOtherContact() {
        ContactList book = ContactList.of(List.of(person("Bob", "bob@example.org"), person("Carol", "carol@example.org")));
        assertThat(book.without("BOB@example.ORG").stored()).extracting(Contact::address).containsExactly("carol@example.org");
        assertThat(book.without("nobody@example.org").size()).isEqualTo(2);
    }

    @Test
    void aRecipientIsWrittenAsAFieldExpectsIt() {
        assertThat(person("", "bob@example.org").recipient()).isEqualTo("bob@example.org");
        assertThat(person("Élise Durand", "elise@example.org").recipient()).isEqualTo("Élise Durand <elise@example.org>");
        assertThat(person("Durand, Élise \"Lili\"", "elise@example.org").recipient())
                .isEqualTo("\"Durand, Élise \\\"Lili\\\"\" <elise@example.org>");
        assertThat(person("Evil\r\nBcc: x@y", "a@b\tc").name()).isEqualTo("Evil  Bcc: x@y");
    }
}
