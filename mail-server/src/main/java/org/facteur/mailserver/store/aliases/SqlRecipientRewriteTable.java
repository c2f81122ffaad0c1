package org.facteur.mailserver.store.aliases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.AbstractRecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.rrt.lib.MappingsImpl;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * James's recipient rewrite table (aliases, forwards, groups, domain mappings and aliases, regular
 * expressions, errors) in table {@code recipient_rewrites}: one row per mapping of a source, the source as
 * James's fixed user and domain parts ({@code *} for any), the mapping as {@link Mapping#asString()}.
 * Validation (loops, duplicates, managed domains) and recursive resolution are James's, in
 * {@link AbstractRecipientRewriteTable}.
 */
public final class SqlRecipientRewriteTable extends AbstractRecipientRewriteTable {
    private static final String WILDCARD = "*";

    private final Database database;

    @Inject
    public SqlRecipientRewriteTable(Database database) {
        this.database = database;
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        call("add the mapping " + mapping.asString() + " to " + source.asString(), () -> database.inTransaction(c -> Jdbc.update(c,
                "INSERT INTO recipient_rewrites (source_user, source_domain, mapping) VALUES (?, ?, ?)"
                        + " ON CONFLICT (source_domain, source_user, mapping) DO NOTHING",
                source.getFixedUser(), source.getFixedDomain(), mapping.asString())));
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        call("remove the mapping " + mapping.asString() + " from " + source.asString(), () -> database.inTransaction(c -> Jdbc.update(c,
                "DELETE FROM recipient_rewrites WHERE source_user = ? AND source_domain = ? AND mapping = ?",
                source.getFixedUser(), source.getFixedDomain(), mapping.asString())));
    }

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        List<String> stored = call("read the mappings of " + source.asString(), () -> database.read(c -> Jdbc.list(c,
                "SELECT mapping FROM recipient_rewrites WHERE source_user = ? AND source_domain = ? ORDER BY id",
                rs -> rs.getString(1), source.getFixedUser(), source.getFixedDomain())));
        return mappings(stored.stream());
    }

    @Override
    public Map<MappingSource, Mappings> getAllMappings() throws RecipientRewriteTableException {
        List<Row> rows = call("read all mappings", () -> database.read(c -> Jdbc.list(c,
                "SELECT source_user, source_domain, mapping FROM recipient_rewrites ORDER BY id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))));
        Map<MappingSource, List<String>> bySource = rows.stream().collect(Collectors.groupingBy(
                row -> source(row.user(), row.domain()), LinkedHashMap::new,
                Collectors.mapping(Row::mapping, Collectors.toList())));
        Map<MappingSource, Mappings> all = new LinkedHashMap<>();
        bySource.forEach((source, mappings) -> all.put(source, mappings(mappings.stream())));
        return all;
    }

    /** The mappings of {@code user@domain}, else those of the whole domain ({@code *@domain}): one query. */
    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        MappingSource source = MappingSource.fromUser(Username.fromLocalPartWithDomain(user, domain));
        List<Row> rows = call("resolve " + source.asString(), () -> database.read(c -> Jdbc.list(c,
                "SELECT source_user, source_domain, mapping FROM recipient_rewrites"
                        + " WHERE source_domain = ? AND source_user IN (?, ?) ORDER BY id",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)),
                source.getFixedDomain(), source.getFixedUser(), WILDCARD)));
        List<String> forUser = rows.stream().filter(r -> r.user().equals(source.getFixedUser())).map(Row::mapping).toList();
        if (!forUser.isEmpty()) {
            return mappings(forUser.stream());
        }
        return mappings(rows.stream().filter(r -> r.user().equals(WILDCARD)).map(Row::mapping));
    }

    @Override
    public Stream<MappingSource> listSources(Mapping mapping) throws RecipientRewriteTableException {
        if (!listSourcesSupportedType.contains(mapping.getType())) {
            throw new IllegalArgumentException("Not supported mapping of type " + mapping.getType());
        }
        List<MappingSource> sources = call("list the sources of " + mapping.asString(), () -> database.read(c -> Jdbc.list(c,
                "SELECT source_user, source_domain FROM recipient_rewrites WHERE mapping = ? ORDER BY id",
                rs -> source(rs.getString(1), rs.getString(2)), mapping.asString())));
        return sources.stream().distinct();
    }

    private static Mappings mappings(Stream<String> stored) {
        return MappingsImpl.fromMappings(stored.map(Mapping::of));
    }

    /** The source James gave, from its fixed parts. */
    private static MappingSource source(String user, String domain) {
        if (WILDCARD.equals(user) && WILDCARD.equals(domain)) {
            return MappingSource.wildCard();
        }
        if (WILDCARD.equals(user)) {
            return MappingSource.fromDomain(Domain.of(domain));
        }
        if (WILDCARD.equals(domain)) {
            return MappingSource.fromUser(Username.of(user));
        }
        return MappingSource.fromUser(user, domain);
    }

    private record Row(String user, String domain, String mapping) {
    }

    private static <T> T call(String what, Supplier<T> work) throws RecipientRewriteTableException {
        return DatabaseException.translated(work, e -> new RecipientRewriteTableException("Could not " + what + ": " + e.getMessage(), e));
    }
}
