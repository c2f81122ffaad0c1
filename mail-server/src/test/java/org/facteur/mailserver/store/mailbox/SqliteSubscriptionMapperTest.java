package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.SubscriptionMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code SubscriptionMapperTest} on Facteur's SQLite store. */
class SqliteSubscriptionMapperTest extends SubscriptionMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected SubscriptionMapper createSubscriptionMapper() {
        return STORE.factory().createSubscriptionMapper(null);
    }
}
