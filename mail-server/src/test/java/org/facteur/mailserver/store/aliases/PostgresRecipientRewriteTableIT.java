package org.facteur.mailserver.store.aliases;

import org.facteur.mailserver.store.data.DataDatabase;
import org.facteur.mailserver.store.sql.Database;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRecipientRewriteTableIT extends SqlRecipientRewriteTableContract {
    @RegisterExtension
    static final DataDatabase DB = DataDatabase.postgresql();

    @Override
    Database database() {
        return DB.database();
    }
}
