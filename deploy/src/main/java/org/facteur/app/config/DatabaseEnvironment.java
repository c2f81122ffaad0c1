package org.facteur.app.config;

import java.util.Map;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.sql.DatabaseSettings;

/**
 * The database the server would open, read from the environment by the commands that run without it
 * ({@code migrate}, {@code restore}): {@code FACTEUR_DATABASE_URL} with {@code _USER} and {@code _PASSWORD}, else
 * SQLite under the data directory.
 */
public final class DatabaseEnvironment {
    private DatabaseEnvironment() {
    }

    public static DatabaseSettings settings(Map<String, String> env, DataDirectory data) {
        String url = env.getOrDefault("FACTEUR_DATABASE_URL", "");
        return url.isBlank() ? DatabaseSettings.sqlite(data.database())
                : DatabaseSettings.postgresql(url, env.get("FACTEUR_DATABASE_USER"), env.get("FACTEUR_DATABASE_PASSWORD"));
    }
}
