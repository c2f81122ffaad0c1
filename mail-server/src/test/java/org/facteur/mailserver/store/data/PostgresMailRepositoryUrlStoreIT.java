package org.facteur.mailserver.store.data;

import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMailRepositoryUrlStoreIT extends SqlMailRepositoryUrlStoreContract {
    @RegisterExtension
    static final DataDatabase DB = DataDatabase.postgresql();

    @Override
    Database database() {
        return DB.database();
    }
}
