package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.store.quota.GenericMaxQuotaManagerTest;
import org.facteur.mailserver.store.quota.SqlMaxQuotaManager;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code GenericMaxQuotaManagerTest} on Facteur's SQLite store. */
class SqliteMaxQuotaManagerTest extends GenericMaxQuotaManagerTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MaxQuotaManager provideMaxQuotaManager() {
        return new SqlMaxQuotaManager(STORE.database());
    }
}
