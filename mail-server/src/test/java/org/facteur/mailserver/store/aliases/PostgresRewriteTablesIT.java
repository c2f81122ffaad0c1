package org.facteur.mailserver.store.aliases;

import org.facteur.mailserver.store.aliases.gherkin.postgresql.PostgresRewriteTablesHooks;
import org.junit.AfterClass;
import org.junit.runner.RunWith;

import cucumber.api.CucumberOptions;
import cucumber.api.junit.Cucumber;

/** James's Gherkin scenarios for rewrite tables ({@code cucumber/rewrite_tables.feature} in its test jar) on Postgres. */
@RunWith(Cucumber.class)
@CucumberOptions(features = "classpath:cucumber/",
        glue = {"org.apache.james.rrt.lib", "org.facteur.mailserver.store.aliases.gherkin.postgresql"})
public class PostgresRewriteTablesIT {
    @AfterClass
    public static void closeDatabase() throws Exception {
        PostgresRewriteTablesHooks.DB.close();
    }
}
