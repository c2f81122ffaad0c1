package org.facteur.mailserver.store.mailbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Orphan bodies with the Postgres engine's blob store (SQLite: files; PostgreSQL: the blob table). */
class PostgresOrphanBlobsIT extends OrphanBlobsContract {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    TestStore store() {
        return STORE;
    }
}
