package org.facteur.mailserver.dkim;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM keys in Facteur's database (table {@code dkim_key}), for PostgreSQL deployments where several nodes must sign
 * with the same keys, the ones DNS publishes. A domain with no row but key files in this node's data directory (a
 * deployment that ran before keys moved here) has them imported on first read, so its published records stay valid.
 * Key pairs are never replaced: a selector inserted twice keeps the first pair ({@code ON CONFLICT}).
 */
public final class SqlDkimKeyStore implements DkimKeyStore {
    static final String MIGRATIONS = "org/facteur/mailserver/dkim/migration";
    private static final Logger LOG = LoggerFactory.getLogger(SqlDkimKeyStore.class);

    private final Database database;
    private final FileDkimKeyStore formerFiles;
    private final Path formerDir;

    private SqlDkimKeyStore(Database database, Path formerDir) {
        this.database = database;
        this.formerDir = formerDir;
        this.formerFiles = new FileDkimKeyStore(formerDir);
    }

    /** The store on {@code database}, its table created or brought up to date; {@code formerDir}: {@code DataDirectory.dkim()}. */
    public static SqlDkimKeyStore migrated(Database database, Path formerDir) {
        database.migrate("dkim", MIGRATIONS);
        return new SqlDkimKeyStore(database, formerDir);
    }

    @Override
    public List<DkimKey> read(String domain) {
        List<DkimKey> keys = rows(domain);
        if (keys.isEmpty()) {
            List<DkimKey> former = formerFiles.read(domain);
            if (!former.isEmpty()) {
                write(domain, former);
                LOG.info("DKIM keys of {} imported from {} into the database ({} selectors)", domain,
                        formerDir.resolve(domain), former.size());
                keys = rows(domain);
            }
        }
        return keys;
    }

    private List<DkimKey> rows(String domain) {
        return database.read(c -> Jdbc.list(c, "SELECT selector, algorithm, created, published_until, private_key, public_key"
                + " FROM dkim_key WHERE domain = ? ORDER BY created, selector", rs -> {
                    try {
                        return DkimKeyText.key(domain, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("the DKIM key " + rs.getString(1) + " of " + domain
                                + " in the database is damaged", e);
                    }
                }, domain));
    }

    @Override
    public void write(String domain, List<DkimKey> keys) {
        database.inTransaction(c -> {
            for (DkimKey k : keys) {
                Jdbc.update(c, "INSERT INTO dkim_key (domain, selector, algorithm, created, published_until, private_key, public_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (domain, selector)"
                        + " DO UPDATE SET published_until = excluded.published_until",
                        domain, k.selector(), k.algorithm().keyType(), k.created().toString(),
                        k.publishedUntil().map(Instant::toString).orElse(null), DkimKeyText.privateKey(k), DkimKeyText.publicKey(k));
            }
            List<Object> params = new ArrayList<>();
            params.add(domain);
            StringBuilder sql = new StringBuilder("DELETE FROM dkim_key WHERE domain = ?");
            if (!keys.isEmpty()) {
                sql.append(" AND selector NOT IN (");
                for (int i = 0; i < keys.size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                    params.add(keys.get(i).selector());
                }
                sql.append(')');
            }
            return Jdbc.update(c, sql.toString(), params.toArray());
        });
    }
}
