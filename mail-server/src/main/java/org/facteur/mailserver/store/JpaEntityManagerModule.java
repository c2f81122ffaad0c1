package org.facteur.mailserver.store;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Opens the JPA persistence unit "Global" (listed in our META-INF/persistence.xml) on the database
 * Facteur chose: embedded Derby in the data directory by default.
 */
public final class JpaEntityManagerModule extends AbstractModule {
    private final DatabaseSettings database;

    public JpaEntityManagerModule(DatabaseSettings database) {
        this.database = database;
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory() {
        Map<String, String> props = new HashMap<>();
        props.put("openjpa.ConnectionDriverName", database.driverClassName());
        props.put("openjpa.ConnectionURL", database.url());
        if (!database.username().isBlank()) {
            props.put("openjpa.ConnectionUserName", database.username());
            props.put("openjpa.ConnectionPassword", database.password());
        }
        props.put("openjpa.ConnectionProperties", "MaxTotal=" + database.maxConnections());
        props.put("openjpa.Multithreaded", "true");
        return Persistence.createEntityManagerFactory("Global", props);
    }
}
