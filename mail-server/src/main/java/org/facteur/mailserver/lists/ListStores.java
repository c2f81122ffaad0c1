package org.facteur.mailserver.lists;

import java.nio.file.Path;

import org.facteur.lists.store.JdbcListStore;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.SqlDialect;
import org.facteur.mailserver.MailServerSettings;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Opens the list store the settings ask for: embedded Derby in the data directory, or PostgreSQL. */
public final class ListStores {
    private ListStores() {
    }

    /** The store and the pool behind it; closing the pool closes the store. */
    public record Opened(ListStore store, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    public static Opened open(MailServerSettings.Lists settings, Path dataDir) {
        String url = settings.jdbcUrl().orElse("jdbc:derby:" + org.facteur.mailserver.DataDirectory.of(dataDir).legacyDerbyLists() + ";create=true");
        HikariConfig config = new HikariConfig();
        config.setPoolName("facteur-lists");
        config.setJdbcUrl(url);
        if (!settings.jdbcUser().isEmpty()) {
            config.setUsername(settings.jdbcUser());
            config.setPassword(settings.jdbcPassword());
        }
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new Opened(new JdbcListStore(pool, SqlDialect.forUrl(url)), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
