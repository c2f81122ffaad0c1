package org.facteur.mailserver.store.sql;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where Facteur's database is: an SQLite file under the data directory by default, or a PostgreSQL
 * server ({@code FACTEUR_DATABASE_URL}, {@code _USER}, {@code _PASSWORD}). The password is never printed.
 */
public record DatabaseSettings(String url, String user, String password, int maxConnections) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        SqlEngine.forUrl(url);
    }

    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings("jdbc:sqlite:" + file.toAbsolutePath(), "", "", 8);
    }

    public static DatabaseSettings postgresql(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, 16);
    }

    public SqlEngine engine() {
        return SqlEngine.forUrl(url);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + url + (user.isEmpty() ? "" : ", user=" + user) + "]";
    }
}
