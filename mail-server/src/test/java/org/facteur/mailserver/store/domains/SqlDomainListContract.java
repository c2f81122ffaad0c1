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
 * James configures its JPA list in that suite (no detection; {@code localhost} the default domain).
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
        SqlDomainList list = new SqlDomainList(getDNSServer("localhost"), database());
        list.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        return list;
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
