package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What every {@link DkimKeyStore} does, run on the files and on the database (SQLite and PostgreSQL). */
abstract class DkimKeyStoreContract {
    static final Instant CREATED = Instant.parse("2026-12-01T17:00:00.123456Z");

    abstract DkimKeyStore store();

    static DkimKey key(String selector, DkimAlgorithm algorithm, Optional<Instant> publishedUntil) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
        if (algorithm == DkimAlgorithm.RSA) {
            generator.initialize(2048);
        }
        var pair = generator.generateKeyPair();
        return new DkimKey("example.org", selector, algorithm, pair.getPrivate(), pair.getPublic(), CREATED, publishedUntil);
    }

    @Test
    void keysReadBackAsWrittenDomainByDomain() throws Exception {
        assertThat(store().read("example.org")).isEmpty();
        DkimKey rsa = key("f202612", DkimAlgorithm.RSA, Optional.empty());
        DkimKey ed = key("e202612", DkimAlgorithm.ED25519, Optional.of(Instant.parse("2026-12-08T17:00:00Z")));
        store().write("example.org", List.of(rsa, ed));
        List<DkimKey> read = store().read("example.org");
        assertThat(read).extracting(DkimKey::selector).containsExactlyInAnyOrder("f202612", "e202612");
        for (DkimKey written : List.of(rsa, ed)) {
            DkimKey back = read.stream().filter(k -> k.selector().equals(written.selector())).findFirst().orElseThrow();
            assertThat(back.algorithm()).isEqualTo(written.algorithm());
            assertThat(back.privateKey().getEncoded()).isEqualTo(written.privateKey().getEncoded());
            assertThat(back.publicKey().getEncoded()).isEqualTo(written.publicKey().getEncoded());
            assertThat(back.created()).isEqualTo(CREATED);
            assertThat(back.publishedUntil()).isEqualTo(written.publishedUntil());
            assertThat(back.domain()).isEqualTo("example.org");
        }
        assertThat(store().read("example.net")).isEmpty();
    }

    @Test
    void aRotationRetiresKeepsAndForgets() throws Exception {
        DkimKey old = key("f202611", DkimAlgorithm.RSA, Optional.of(Instant.parse("2026-11-20T00:00:00Z")));
        DkimKey current = key("f202612", DkimAlgorithm.RSA, Optional.empty());
        store().write("example.org", List.of(old, current));
        Instant until = Instant.parse("2026-12-15T00:00:00Z");
        DkimKey retired = new DkimKey(current.domain(), current.selector(), current.algorithm(), current.privateKey(),
                current.publicKey(), current.created(), Optional.of(until));
        DkimKey next = key("f202612b", DkimAlgorithm.RSA, Optional.empty());
        store().write("example.org", List.of(retired, next));
        List<DkimKey> read = store().read("example.org");
        assertThat(read).extracting(DkimKey::selector).containsExactlyInAnyOrder("f202612", "f202612b");
        assertThat(read.stream().filter(k -> k.selector().equals("f202612")).findFirst().orElseThrow().publishedUntil())
                .contains(until);
        store().write("example.org", List.of());
        assertThat(store().read("example.org")).isEmpty();
    }
}
