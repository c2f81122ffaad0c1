package org.facteur.mailserver.store;

import java.nio.file.Path;

/** JDBC settings of James's JPA store. The password is never printed. */
public record DatabaseSettings(String driverClassName, String url, String username, String password, int maxConnections) {

    public static DatabaseSettings embeddedDerby(Path directory) {
        return new DatabaseSettings("org.apache.derby.jdbc.EmbeddedDriver",
                "jdbc:derby:" + directory.toAbsolutePath() + ";create=true", "app", "app", 16);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + driverClassName + ", " + url + ", user=" + username + "]";
    }
}
