package org.facteur.mailserver.store.domains;

import java.util.List;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.AbstractDomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;

import com.google.common.collect.ImmutableList;

/**
 * The domains Facteur receives mail for, in table {@code domains} (lower case, as James's {@link Domain} is): only
 * those an admin added. James's base class would also add its default domain to the table while it is configured,
 * list it, and refuse to remove it (that is how {@code localhost} used to appear); here the default domain is only
 * what James appends to an address without a domain (see {@code config/ServerAddresses}).
 */
public final class SqlDomainList extends AbstractDomainList {
    private final Database database;
    private volatile boolean configuring;

    @Inject
    public SqlDomainList(DNSService dns, Database database) {
        super(dns);
        this.database = database;
    }

    @Override
    public void configure(DomainListConfiguration configuration) throws ConfigurationException {
        configuring = true;
        try {
            super.configure(configuration);
        } finally {
            configuring = false;
        }
    }

    /** The domains an admin added, in alphabetical order, read before James starts. */
    public static List<Domain> stored(Database database) {
        return database.read(c -> Jdbc.list(c, "SELECT name FROM domains ORDER BY name", rs -> Domain.of(rs.getString(1))));
    }

    @Override
    protected List<Domain> getDomainListInternal() throws DomainListException {
        return call("list the domains", () -> stored(database));
    }

    /** Only the stored domains: James's default domain is not one unless an admin added it. */
    @Override
    public ImmutableList<Domain> getDomains() throws DomainListException {
        ImmutableList<Domain> all = super.getDomains(); // also refreshes James's read cache with the stored domains
        List<Domain> stored = getDomainListInternal();
        return all.stream().filter(stored::contains).collect(ImmutableList.toImmutableList());
    }

    /** Any stored domain may be removed, the one James uses as its default included (nothing is detected here). */
    @Override
    public void removeDomain(Domain domain) throws DomainListException {
        doRemoveDomain(domain);
    }

    @Override
    protected boolean containsDomainInternal(Domain domain) throws DomainListException {
        return call("look for the domain " + domain.asString(), () -> database.read(c -> Jdbc.one(c,
                "SELECT 1 FROM domains WHERE name = ?", rs -> true, domain.asString()))).isPresent();
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        if (configuring) {
            return; // James adding its default domain (or $DOMAIN) while configured: served domains are added by an admin
        }
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
