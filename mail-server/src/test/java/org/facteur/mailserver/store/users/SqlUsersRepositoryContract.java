package org.facteur.mailserver.store.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.mock.SimpleDomainList;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.lib.UsersRepositoryContract;
import org.apache.james.user.lib.UsersRepositoryContract.UserRepositoryExtension;
import org.apache.james.user.lib.model.Algorithm;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users on Facteur's database, on every engine: James's own {@link UsersRepositoryContract} (with and
 * without virtual hosting, as James runs it for its JPA repository), then what Facteur adds: the hash is one
 * self-describing string, hashes James stored still log in, and the seam for Facteur's password hashing.
 */
abstract class SqlUsersRepositoryContract {
    static final PasswordHashes HASHES = new JamesPbkdf2Hashes();

    abstract Database database();

    SqlUsersRepository repository(DomainList domains, boolean virtualHosting, Optional<Username> administrator,
                                  PasswordHashes hashes) throws Exception {
        SqlUsersRepository repository = new SqlUsersRepository(domains, new SqlUsersDao(database(), hashes), hashes);
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("enableVirtualHosting", String.valueOf(virtualHosting));
        administrator.ifPresent(name -> configuration.addProperty("administratorId", name.asString()));
        repository.configure(configuration);
        return repository;
    }

    /** One configuration of James's suite: the repository under test, with or without virtual hosting. */
    abstract class Configured {
        final boolean virtualHosting;
        UsersRepository repository;
        UsersRepositoryContract.TestSystem system;

        Configured(boolean virtualHosting) {
            this.virtualHosting = virtualHosting;
        }

        @BeforeEach
        void setUp(UsersRepositoryContract.TestSystem system) throws Exception {
            this.system = system;
            repository = repository(system.getDomainList(), virtualHosting, Optional.empty(), HASHES);
        }

        public UsersRepository testee() {
            return repository;
        }

        public UsersRepository testee(Optional<Username> administrator) throws Exception {
            return repository(system.getDomainList(), virtualHosting, administrator, HASHES);
        }
    }

    @Nested
    class WithVirtualHosting extends Configured implements UsersRepositoryContract.WithVirtualHostingContract {
        @RegisterExtension
        UserRepositoryExtension extension = UserRepositoryExtension.withVirtualHost();

        WithVirtualHosting() {
            super(true);
        }
    }

    @Nested
    class WithoutVirtualHosting extends Configured implements UsersRepositoryContract.WithOutVirtualHostingContract {
        @RegisterExtension
        UserRepositoryExtension extension = UserRepositoryExtension.withoutVirtualHosting();

        WithoutVirtualHosting() {
            super(false);
        }
    }

    // ---- Facteur's own

    static final Username ALICE = Username.of("alice@example.org");

    SimpleDomainList exampleOrg() throws Exception {
        SimpleDomainList domains = new SimpleDomainList();
        domains.addDomain(Domain.of("example.org"));
        return domains;
    }

    String storedHash(Username name) {
        return database().read(c -> Jdbc.one(c, "SELECT password_hash FROM users WHERE name = ?", rs -> rs.getString(1),
                name.asString())).orElseThrow();
    }

    @Test
    void thePasswordIsStoredAsOneSelfDescribingHashNeverInClear() throws Exception {
        repository(exampleOrg(), true, Optional.empty(), HASHES).addUser(ALICE, "Correct-horse-7");
        assertThat(storedHash(ALICE)).startsWith("$pbkdf2-sha512$i=1000,l=64$").doesNotContain("Correct-horse-7");
    }

    /** What a converted data directory holds: James's PBKDF2-SHA512 digest (user name as salt), rewritten. */
    @Test
    void aHashWrittenByJamesForTheCurrentReleaseStillLogsIn() throws Exception {
        String jamesDigest = Algorithm.of("PBKDF2-SHA512").digest("Correct-horse-7", ALICE.asString());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String converted = "$pbkdf2-sha512$i=1000,l=64$" + b64.encodeToString(ALICE.asString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                + "$" + b64.encodeToString(java.util.Base64.getMimeDecoder().decode(jamesDigest));
        database().inTransaction(c -> Jdbc.update(c, "INSERT INTO users (name, password_hash) VALUES (?, ?)", ALICE.asString(), converted));
        SqlUsersRepository users = repository(exampleOrg(), true, Optional.empty(), HASHES);

        assertThat(users.test(ALICE, "Correct-horse-7")).isTrue();
        assertThat(users.test(ALICE, "correct-horse-7")).isFalse();
    }

    @Test
    void aSuccessfulLoginWithAnOutdatedHashStoresOneInTheCurrentFormat() throws Exception {
        SqlUsersRepository users = repository(exampleOrg(), true, Optional.empty(), new PrefixHashes("$old$"));
        users.addUser(ALICE, "Correct-horse-7");
        SqlUsersRepository upgraded = repository(exampleOrg(), true, Optional.empty(), new PrefixHashes("$new$"));

        assertThat(upgraded.test(ALICE, "wrong password")).isFalse();
        assertThat(storedHash(ALICE)).as("a wrong password changes nothing").isEqualTo("$old$Correct-horse-7");
        assertThat(upgraded.test(ALICE, "Correct-horse-7")).isTrue();
        assertThat(storedHash(ALICE)).isEqualTo("$new$Correct-horse-7");
        assertThat(upgraded.test(ALICE, "Correct-horse-7")).isTrue();
    }

    @Test
    void changingThePasswordStoresTheNewHash() throws Exception {
        SqlUsersRepository users = repository(exampleOrg(), true, Optional.empty(), HASHES);
        users.addUser(ALICE, "Correct-horse-7");
        var user = users.getUserByName(ALICE);
        assertThat(user.setPassword("Battery-staple-8")).isTrue();
        users.updateUser(user);

        assertThat(users.test(ALICE, "Battery-staple-8")).isTrue();
        assertThat(users.test(ALICE, "Correct-horse-7")).isFalse();
    }

    /** A stand-in hashing class: {@code $format$password}, current when the format is its own (readable, for the test). */
    record PrefixHashes(String prefix) implements PasswordHashes {
        @Override
        public String hash(String password) {
            return prefix + password;
        }

        @Override
        public boolean verify(String password, String storedHash) {
            return storedHash.substring(storedHash.indexOf('$', 1) + 1).equals(password);
        }

        @Override
        public boolean needsRehash(String storedHash) {
            return !storedHash.startsWith(prefix);
        }

        @Override
        public boolean verifyDecoy(String password) {
            return false;
        }
    }
}
