package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.facteur.lists.testing.PostgresServer;

/**
 * Two packaged Facteur nodes, each with its own data directory, on one fresh PostgreSQL database (plus whatever
 * {@code sharedEnv} adds, such as a RabbitMQ). Before node B starts, node A serves example.org with the user
 * alice@example.org.
 */
record TwoNodesOnPostgres(FacteurProcess nodeA, FacteurProcess nodeB) implements AutoCloseable {
    static final String ALICE = "alice@example.org";

    static TwoNodesOnPostgres start(Path dataA, Path dataB, Map<String, String> sharedEnv, String alicePassword) throws Exception {
        PostgresServer postgres = PostgresServer.start();
        Map<String, String> env = new HashMap<>(sharedEnv);
        env.put("FACTEUR_DATABASE_URL", postgres.url(postgres.newDatabaseName()));
        env.put("FACTEUR_DATABASE_USER", postgres.user());
        FacteurProcess a = new FacteurProcess(dataA, env).start();
        try {
            assertThat(a.admin("domain", "add", "example.org").exitCode()).isZero();
            assertThat(a.admin("user", "add", ALICE, "--password", alicePassword).exitCode()).isZero();
            return new TwoNodesOnPostgres(a, new FacteurProcess(dataB, env).start());
        } catch (Exception | AssertionError e) {
            a.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            nodeA.close();
        } finally {
            nodeB.close();
        }
    }
}
