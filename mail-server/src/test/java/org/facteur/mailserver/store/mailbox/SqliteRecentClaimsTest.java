package org.facteur.mailserver.store.mailbox;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteRecentClaimsTest extends RecentClaimsContract {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    TestStore store() {
        return STORE;
    }
}
