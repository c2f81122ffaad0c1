package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.store.quota.GenericMaxQuotaManagerTest;
import org.facteur.mailserver.store.quota.SqlMaxQuotaManager;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code GenericMaxQuotaManagerTest} on Facteur's PostgreSQL store. */
class PostgresMaxQuotaManagerIT extends GenericMaxQuotaManagerTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected MaxQuotaManager provideMaxQuotaManager() {
        return new SqlMaxQuotaManager(STORE.database());
    }
}
