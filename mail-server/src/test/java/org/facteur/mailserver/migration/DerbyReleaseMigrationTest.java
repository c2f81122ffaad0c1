package org.facteur.mailserver.migration;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.sql.DatabaseSettings;

/** The migration into the default store: SQLite under the data directory, bodies in files beside it. */
class DerbyReleaseMigrationTest extends DerbyReleaseMigrationContract {
    @Override
    DatabaseSettings emptyTarget(DataDirectory data) {
        return DatabaseSettings.sqlite(data.database());
    }
}
