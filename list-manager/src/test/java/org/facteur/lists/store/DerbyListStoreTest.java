package org.facteur.lists.store;

import org.facteur.lists.testing.DerbyDatabases;

/** The contract on embedded Derby, the default store (in memory here; on disk in the server). */
class DerbyListStoreTest extends ListStoreContract {
    @Override
    protected ListStore newStore() {
        return new JdbcListStore(DerbyDatabases.newInMemory(), SqlDialect.DERBY);
    }
}
