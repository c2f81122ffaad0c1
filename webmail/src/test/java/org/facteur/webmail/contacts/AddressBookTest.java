package org.facteur.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressBookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    @Test
    void recordsTheRecipientsWithTheirNamesAndLeavesGroupsOut() throws Exception {
        AddressBook book = new AddressBook(new FileContactStore(dir), CLOCK);
        book.sent("alice@example.org", List.of(InternetAddress.parse(
                "=?UTF-8?Q?=C3=89lise?= <elise@example.org>, bob@example.org, friends: carol@example.org;, localonly", false)));
        assertThat(book.contacts("alice@example.org").stored()).extracting(Contact::name, Contact::address)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Élise", "elise@example.org"),
                        org.assertj.core.groups.Tuple.tuple("", "bob@example.org"));
        assertThat(book.completing("bob@example.org", "eli", 8)).isEmpty();
        book.delete("alice@example.org", "ELISE@example.org");
        assertThat(book.contacts("alice@example.org").stored()).extracting(Contact::address).containsExactly("bob@example.org");
    }

    @Test
    void twoTabsSendingAtOnceBothCount() throws Exception {
        AddressBook book = new AddressBook(new FileContactStore(dir), CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(pool.submit(() -> {
                    book.sent("alice@example.org", List.of(new InternetAddress("bob@example.org")));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(book.contacts("alice@example.org").stored().get(0).uses()).isEqualTo(40);
    }

    @Test
    void aStoreThatFailsDoesNotFailTheMessageAlreadySent() throws Exception {
        ContactStore broken = new ContactStore() {
            @Override
            public ContactList load(String member) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void save(String member, ContactList contacts) throws IOException {
                throw new IOException("disk full");
            }
        };
        List<InternetAddress> bob = List.of(new InternetAddress("bob@example.org"));
        assertThatCode(() -> new AddressBook(broken, CLOCK).sent("alice@example.org", bob)).doesNotThrowAnyException();
    }
}
