package org.facteur.mailserver.store.aliases.gherkin;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.lib.RecipientRewriteTableFixture;
import org.facteur.mailserver.store.aliases.SqlRecipientRewriteTable;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.users.JamesPbkdf2Hashes;
import org.facteur.mailserver.store.users.SqlUsersDao;
import org.facteur.mailserver.store.users.SqlUsersRepository;

/** The table James's Gherkin scenarios ({@code rewrite_tables.feature}) run against, wired as James's JPA steps wire theirs. */
public final class RewriteTablesOnSql {
    private RewriteTablesOnSql() {
    }

    public static SqlRecipientRewriteTable table(Database database) {
        try {
            DomainList domains = RecipientRewriteTableFixture.domainListForCucumberTests();
            JamesPbkdf2Hashes hashes = new JamesPbkdf2Hashes();
            SqlUsersRepository users = new SqlUsersRepository(domains, new SqlUsersDao(database, hashes), hashes);
            users.configure(new BaseHierarchicalConfiguration());
            SqlRecipientRewriteTable table = new SqlRecipientRewriteTable(database);
            table.setUsersRepository(users);
            table.setDomainList(domains);
            return table;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
