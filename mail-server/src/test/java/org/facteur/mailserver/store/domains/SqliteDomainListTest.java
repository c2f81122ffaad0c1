package org.facteur.mailserver.store.domains;

import org.facteur.mailserver.store.data.DataDatabase;
import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteDomainListTest extends SqlDomainListContract {
    @RegisterExtension
    static final DataDatabase DB = DataDatabase.sqlite();

    @Override
    Database database() {
        return DB.database();
    }
}
