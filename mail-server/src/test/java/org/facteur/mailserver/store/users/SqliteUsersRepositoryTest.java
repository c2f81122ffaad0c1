package org.facteur.mailserver.store.users;

import org.facteur.mailserver.store.data.DataDatabase;
import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteUsersRepositoryTest extends SqlUsersRepositoryContract {
    @RegisterExtension
    static final DataDatabase DB = DataDatabase.sqlite();

    @Override
    Database database() {
        return DB.database();
    }
}
