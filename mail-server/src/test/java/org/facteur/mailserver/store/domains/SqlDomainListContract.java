package org.facteur.mailserver.store.domains;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.lib.DomainListContract;
import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Domains on Facteur's database, on every engine: James's own {@link DomainListContract}, configured as
 * James configures its JPA list in that suite (no detection; {@code localhost} the default domain). James's contract
 * expects its default domain to be served, which in James happens by itself; Facteur serves only the domains an admin
 * added, so here an admin added {@code localhost} first, and the tests below check that nothing else adds it.
 * James's {@code AbstractDomainListPrivateMethodsTest} is not run: it tests James's base class through a
 * list of its own, never through ours.
 */
abstract class SqlDomainListContract implements DomainListContract {
    SqlDomainList domains;

    abstract Database database();

    @BeforeEach
    void setUp() throws Exception {
        domains = newDomainList();
    }

    SqlDomainList newDomainList() throws Exception {
        SqlDomainList list = unconfigured();
        list.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        if (!list.containsDomain(Domain.LOCALHOST)) {
            list.addDomain(Domain.LOCALHOST);
        }
        return list;
    }

    private SqlDomainList unconfigured() throws Exception {
        return new SqlDomainList(getDNSServer("localhost"), database());
    }

    @Test
    void theDefaultDomainIsNeitherAddedNorListedNorServedOnItsOwn() throws Exception {
        SqlDomainList list = unconfigured();
        list.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false)
                .defaultDomain(Domain.of("mail.example.org")).build());
        assertThat(list.getDefaultDomain()).isEqualTo(Domain.of("mail.example.org"));
        assertThat(list.getDomains()).doesNotContain(Domain.of("mail.example.org"));
        assertThat(list.containsDomain(Domain.of("mail.example.org"))).isFalse();
        assertThat(SqlDomainList.stored(database())).doesNotContain(Domain.of("mail.example.org"));
        list.addDomain(Domain.of("example.org"));
        assertThat(list.getDomains()).contains(Domain.of("example.org")).doesNotContain(Domain.of("mail.example.org"));
    }

    @Test
    void theDomainJamesUsesAsDefaultCanBeRemovedLikeAnyOther() throws Exception {
        SqlDomainList list = unconfigured();
        list.addDomain(Domain.of("example.org"));
        list.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false)
                .defaultDomain(Domain.of("example.org")).build());
        list.removeDomain(Domain.of("example.org"));
        assertThat(list.getDomains()).doesNotContain(Domain.of("example.org"));
    }

    @Override
    public DomainList domainList() {
        return domains;
    }

    @Test
    void domainsAreKeptByTheDatabaseNotByTheObject() throws Exception {
        domains.addDomain(Domain.of("example.org"));
        assertThat(newDomainList().containsDomain(Domain.of("Example.ORG"))).isTrue();
    }
}
