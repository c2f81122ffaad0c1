package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.SubscriptionMapperTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code SubscriptionMapperTest} on Facteur's PostgreSQL store. */
class PostgresSubscriptionMapperIT extends SubscriptionMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected SubscriptionMapper createSubscriptionMapper() {
        return STORE.factory().createSubscriptionMapper(null);
    }
}
