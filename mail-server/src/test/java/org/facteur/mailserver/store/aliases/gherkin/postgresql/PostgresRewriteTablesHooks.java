package org.facteur.mailserver.store.aliases.gherkin.postgresql;

import org.apache.james.rrt.lib.RewriteTablesStepdefs;
import org.facteur.mailserver.store.aliases.gherkin.RewriteTablesOnSql;
import org.facteur.mailserver.store.data.DataDatabase;

import cucumber.api.java.After;
import cucumber.api.java.Before;

/** Gives James's rewrite-table steps a table on Postgres; the database lives as long as the runner class. */
public class PostgresRewriteTablesHooks {
    public static final DataDatabase DB = DataDatabase.postgresql();

    private final RewriteTablesStepdefs steps;

    public PostgresRewriteTablesHooks(RewriteTablesStepdefs steps) {
        this.steps = steps;
    }

    @Before
    public void setUp() throws Exception {
        DB.open();
        steps.setUp(() -> RewriteTablesOnSql.table(DB.database()));
    }

    @After
    public void tearDown() {
        DB.clear();
    }
}
