package org.facteur.mailserver.store.mailbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Orphan bodies with the Sqlite engine's blob store (SQLite: files; PostgreSQL: the blob table). */
class SqliteOrphanBlobsTest extends OrphanBlobsContract {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    TestStore store() {
        return STORE;
    }
}
