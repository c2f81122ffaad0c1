package org.facteur.mailserver.store.aliases;

import org.facteur.mailserver.store.aliases.gherkin.sqlite.SqliteRewriteTablesHooks;
import org.junit.AfterClass;
import org.junit.runner.RunWith;

import cucumber.api.CucumberOptions;
import cucumber.api.junit.Cucumber;

/** James's Gherkin scenarios for rewrite tables ({@code cucumber/rewrite_tables.feature} in its test jar) on Sqlite. */
@RunWith(Cucumber.class)
@CucumberOptions(features = "classpath:cucumber/",
        glue = {"org.apache.james.rrt.lib", "org.facteur.mailserver.store.aliases.gherkin.sqlite"})
public class SqliteRewriteTablesTest {
    @AfterClass
    public static void closeDatabase() throws Exception {
        SqliteRewriteTablesHooks.DB.close();
    }
}
