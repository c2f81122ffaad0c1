package org.facteur.mailserver.store.mailbox;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRecentClaimsIT extends RecentClaimsContract {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    TestStore store() {
        return STORE;
    }
}
