package org.facteur.mailserver.store.data;

import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteMailRepositoryUrlStoreTest extends SqlMailRepositoryUrlStoreContract {
    @RegisterExtension
    static final DataDatabase DB = DataDatabase.sqlite();

    @Override
    Database database() {
        return DB.database();
    }
}
