package org.facteur.mailserver.backup;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.SqlEngine;

/**
 * A PostgreSQL JDBC URL ({@code jdbc:postgresql://host[:port][,host2[:port2]]/database?user=…&sslmode=…}) as the
 * {@code PG*} environment variables libpq's tools read ({@code pg_dump}, {@code pg_restore}). The password goes in
 * the tools' environment, never on their command line, where every user of the machine could read it.
 */
record PostgresConnection(String database, Map<String, String> environment) {

    static PostgresConnection of(DatabaseSettings settings) {
        if (settings.engine() != SqlEngine.POSTGRESQL) {
            throw new IllegalArgumentException("Not a PostgreSQL database: " + settings);
        }
        String rest = settings.url().substring("jdbc:postgresql:".length());
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        Map<String, String> env = new LinkedHashMap<>();
        String database;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            hostsAndPorts(hosts, env);
        } else {
            database = rest;
        }
        Map<String, String> parameters = parameters(query);
        String user = settings.user().isEmpty() ? parameters.getOrDefault("user", "") : settings.user();
        String password = settings.password().isEmpty() ? parameters.getOrDefault("password", "") : settings.password();
        if (!user.isEmpty()) {
            env.put("PGUSER", user);
        }
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        String sslmode = parameters.get("sslmode");
        if (sslmode == null && "true".equalsIgnoreCase(parameters.get("ssl"))) {
            sslmode = "require";
        }
        if (sslmode != null) {
            env.put("PGSSLMODE", sslmode.toLowerCase(Locale.ROOT));
        }
        database = URLDecoder.decode(database, StandardCharsets.UTF_8);
        if (database.isEmpty()) {
            database = user.isEmpty() ? "postgres" : user;
        }
        env.put("PGDATABASE", database);
        return new PostgresConnection(database, Map.copyOf(env));
    }

    private static void hostsAndPorts(String hosts, Map<String, String> env) {
        StringBuilder names = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        for (String host : hosts.split(",")) {
            String name = host;
            String port = "5432";
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !host.endsWith("]")) {
                name = host.substring(0, colon);
                port = host.substring(colon + 1);
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            names.append(names.isEmpty() ? "" : ",").append(name.isEmpty() ? "localhost" : name);
            ports.append(ports.isEmpty() ? "" : ",").append(port);
        }
        env.put("PGHOST", names.toString());
        env.put("PGPORT", ports.toString());
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "PostgresConnection[" + database + " on " + environment.get("PGHOST") + "]";
    }
}
