package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.Test;

class PostgresConnectionTest {

    @Test
    void hostPortAndDatabaseBecomeLibpqVariables() {
        PostgresConnection c = PostgresConnection.of(DatabaseSettings.postgresql("jdbc:postgresql://db.example.org:6543/facteur", "mail", "s3cret"));
        assertThat(c.database()).isEqualTo("facteur");
        assertThat(c.environment()).containsEntry("PGHOST", "db.example.org").containsEntry("PGPORT", "6543")
                .containsEntry("PGDATABASE", "facteur").containsEntry("PGUSER", "mail").containsEntry("PGPASSWORD", "s3cret");
    }

    @Test
    void defaultPortSeveralHostsAndIpv6() {
        PostgresConnection c = PostgresConnection.of(DatabaseSettings.postgresql(
                "jdbc:postgresql://one.example.org,[2001:db8::5]:5433/mail", "", ""));
        assertThat(c.environment()).containsEntry("PGHOST", "one.example.org,2001:db8::5").containsEntry("PGPORT", "5432,5433")
                .doesNotContainKeys("PGUSER", "PGPASSWORD");
    }

    @Test
    void credentialsAndTlsFromTheUrlWhenTheSettingsHaveNone() {
        PostgresConnection c = PostgresConnection.of(DatabaseSettings.postgresql(
                "jdbc:postgresql://127.0.0.1/f%C3%A9e?user=facteur&password=p%26w&ssl=true&ApplicationName=x", "", ""));
        assertThat(c.database()).isEqualTo("fée");
        assertThat(c.environment()).containsEntry("PGUSER", "facteur").containsEntry("PGPASSWORD", "p&w")
                .containsEntry("PGSSLMODE", "require").containsEntry("PGPORT", "5432");
    }

    @Test
    void anExplicitSslModeWinsAndTheDatabaseDefaultsToTheUser() {
        PostgresConnection c = PostgresConnection.of(DatabaseSettings.postgresql(
                "jdbc:postgresql://127.0.0.1:5432/?sslmode=Verify-Full&ssl=true", "mail", ""));
        assertThat(c.database()).isEqualTo("mail");
        assertThat(c.environment()).containsEntry("PGSSLMODE", "verify-full");
    }

    @Test
    void thePasswordIsNeverInItsText() {
        PostgresConnection c = PostgresConnection.of(DatabaseSettings.postgresql("jdbc:postgresql://h/d", "u", "hunter2-secret"));
        assertThat(c.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void sqliteIsNotAPostgresConnection() {
        assertThatThrownBy(() -> PostgresConnection.of(DatabaseSettings.sqlite(Path.of("/tmp/x.db"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
