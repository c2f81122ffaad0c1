package org.facteur.mailserver.store.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.UserEntityValidator;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.AbstractRecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverContract;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromContract;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.RecipientRewriteTableContract;
import org.apache.james.user.api.UsersRepository;
import org.facteur.mailserver.store.domains.SqlDomainList;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.users.JamesPbkdf2Hashes;
import org.facteur.mailserver.store.users.SqlUsersDao;
import org.facteur.mailserver.store.users.SqlUsersRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The recipient rewrite table on Facteur's database, on every engine: James's own
 * {@link RecipientRewriteTableContract}, and the alias resolution and "may send from" checks James builds on
 * it ({@link AliasReverseResolverContract}, {@link CanSendFromContract}), with Facteur's SQL domains and users
 * beside it as in the server. James's Gherkin scenarios run in {@code SqliteRewriteTablesTest} and
 * {@code PostgresRewriteTablesIT}.
 */
abstract class SqlRecipientRewriteTableContract {

    abstract Database database();

    UsersRepository users(DomainList domains) throws Exception {
        JamesPbkdf2Hashes hashes = new JamesPbkdf2Hashes();
        SqlUsersRepository users = new SqlUsersRepository(domains, new SqlUsersDao(database(), hashes), hashes);
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("enableVirtualHosting", "true");
        users.configure(configuration);
        return users;
    }

    SqlDomainList domains(Domain... names) throws Exception {
        SqlDomainList domains = new SqlDomainList(new InMemoryDNSService(), database());
        domains.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        for (Domain name : names) {
            if (!domains.containsDomain(name)) {
                domains.addDomain(name);
            }
        }
        return domains;
    }

    /** A table wired as in the server: SQL domains and users, James's own conflict checks off as in its suites. */
    SqlRecipientRewriteTable tableFor(SqlDomainList domains) throws Exception {
        SqlRecipientRewriteTable table = new SqlRecipientRewriteTable(database());
        table.setDomainList(domains);
        table.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        table.setUsersRepository(users(domains));
        table.setUserEntityValidator(UserEntityValidator.NOOP);
        return table;
    }

    @Nested
    class RewriteTable implements RecipientRewriteTableContract {
        SqlRecipientRewriteTable table;

        @BeforeEach
        void setUpTable() throws Exception {
            setUp();
        }

        @AfterEach
        void tearDownTable() throws Exception {
            tearDown();
        }

        @Override
        public void createRecipientRewriteTable() throws Exception {
            table = new SqlRecipientRewriteTable(database());
            table.setUsersRepository(users(domains(Domain.LOCALHOST, DOMAIN_2)));
        }

        @Override
        public AbstractRecipientRewriteTable virtualUserTable() {
            return table;
        }
    }

    /** What James's alias resolution and sending checks add to the table, in the same words in both suites. */
    abstract class WithTable {
        SqlRecipientRewriteTable table;

        void createTable() throws Exception {
            table = tableFor(domains(AliasReverseResolverContract.DOMAIN, AliasReverseResolverContract.OTHER_DOMAIN));
        }

        public void addAliasMapping(Username alias, Username user) throws Exception {
            table.addAliasMapping(MappingSource.fromUser(alias), user.asString());
        }

        public void addGroupMapping(String group, Username user) throws Exception {
            table.addGroupMapping(MappingSource.fromUser(Username.of(group)), user.asString());
        }
    }

    @Nested
    class AliasResolution extends WithTable implements AliasReverseResolverContract {
        AliasReverseResolver resolver;

        @BeforeEach
        void setUp() throws Exception {
            createTable();
            resolver = new AliasReverseResolverImpl(table);
        }

        @Override
        public AliasReverseResolver aliasReverseResolver() {
            return resolver;
        }

        @Override
        public void addDomainAlias(Domain alias, Domain domain) throws Exception {
            table.addDomainAliasMapping(MappingSource.fromDomain(alias), domain);
        }
    }

    @Nested
    class SendingFrom extends WithTable implements CanSendFromContract {
        CanSendFrom canSendFrom;

        @BeforeEach
        void setUp() throws Exception {
            createTable();
            canSendFrom = new CanSendFromImpl(table, new AliasReverseResolverImpl(table));
        }

        @Override
        public CanSendFrom canSendFrom() {
            return canSendFrom;
        }

        @Override
        public void addDomainMapping(Domain alias, Domain domain, Mapping.Type type) throws Exception {
            switch (type) {
                case Domain -> table.addDomainMapping(MappingSource.fromDomain(alias), domain);
                case DomainAlias -> table.addDomainAliasMapping(MappingSource.fromDomain(alias), domain);
                default -> throw new IllegalArgumentException(type + " is not a domain mapping");
            }
        }
    }

    // ---- Facteur's own

    @Test
    void everyMappingTypeRoundTripsThroughTheDatabase() throws Exception {
        SqlRecipientRewriteTable table = tableFor(domains(Domain.of("example.org"), Domain.of("example.net")));
        MappingSource alice = MappingSource.fromUser("alice", Domain.of("example.org"));
        Mapping[] all = {
            Mapping.address("bob@example.org"), Mapping.forward("alice@remote.test"), Mapping.alias("al@example.org"),
            Mapping.group("team@example.org"), Mapping.regex("(.*)@example.net"), Mapping.error("550 gone"),
        };
        for (Mapping mapping : all) {
            table.addMapping(alice, mapping);
        }
        MappingSource domain = MappingSource.fromDomain(Domain.of("example.net"));
        table.addMapping(domain, Mapping.domainAlias(Domain.of("example.org")));
        table.addMapping(domain, Mapping.domain(Domain.of("example.org")));

        SqlRecipientRewriteTable reopened = tableFor(domains());
        assertThat(reopened.getStoredMappings(alice)).containsOnly(all);
        assertThat(reopened.getStoredMappings(domain))
                .containsOnly(Mapping.domainAlias(Domain.of("example.org")), Mapping.domain(Domain.of("example.org")));
        assertThat(reopened.getAllMappings()).containsOnlyKeys(alice, domain);
        assertThat(reopened.listSources(Mapping.forward("alice@remote.test"))).containsExactly(alice);
    }

    @Test
    void aDomainWideMappingAppliesOnlyToAddressesWithoutTheirOwn() throws Exception {
        SqlRecipientRewriteTable table = tableFor(domains(Domain.of("example.org")));
        table.addMapping(MappingSource.fromDomain(Domain.of("example.org")), Mapping.address("catchall@example.net"));
        table.addMapping(MappingSource.fromUser("alice", Domain.of("example.org")), Mapping.address("alice@example.net"));

        assertThat(table.getResolvedMappings("alice", Domain.of("example.org")))
                .containsExactly(Mapping.address("alice@example.net"));
        assertThat(table.getResolvedMappings("bob", Domain.of("example.org")))
                .containsExactly(Mapping.address("catchall@example.net"));
    }
}
