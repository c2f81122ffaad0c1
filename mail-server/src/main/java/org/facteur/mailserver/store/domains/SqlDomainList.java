package org.facteur.mailserver.store.domains;

import java.util.List;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.AbstractDomainList;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;

/** The domains Facteur receives mail for, in table {@code domains} (lower case, as James's {@link Domain} is). */
public final class SqlDomainList extends AbstractDomainList {
    private final Database database;

    @Inject
    public SqlDomainList(DNSService dns, Database database) {
        super(dns);
        this.database = database;
    }

    @Override
    protected List<Domain> getDomainListInternal() throws DomainListException {
        return call("list the domains", () -> database.read(c -> Jdbc.list(c,
                "SELECT name FROM domains ORDER BY name", rs -> Domain.of(rs.getString(1)))));
    }

    @Override
    protected boolean containsDomainInternal(Domain domain) throws DomainListException {
        return call("look for the domain " + domain.asString(), () -> database.read(c -> Jdbc.one(c,
                "SELECT 1 FROM domains WHERE name = ?", rs -> true, domain.asString()))).isPresent();
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        int added = call("add the domain " + domain.asString(), () -> database.inTransaction(c -> Jdbc.update(c,
                "INSERT INTO domains (name) VALUES (?) ON CONFLICT (name) DO NOTHING", domain.asString())));
        if (added == 0) {
            throw new DomainListException(domain.asString() + " already exists.");
        }
    }

    @Override
    protected void doRemoveDomain(Domain domain) throws DomainListException {
        int removed = call("remove the domain " + domain.asString(), () -> database.inTransaction(c -> Jdbc.update(c,
                "DELETE FROM domains WHERE name = ?", domain.asString())));
        if (removed == 0) {
            throw new DomainListException(domain.asString() + " was not found.");
        }
    }

    private static <T> T call(String what, Supplier<T> work) throws DomainListException {
        return DatabaseException.translated(work, e -> new DomainListException("Could not " + what + ": " + e.getMessage(), e));
    }
}
