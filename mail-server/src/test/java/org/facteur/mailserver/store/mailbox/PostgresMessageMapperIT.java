package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageMapperTest;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageMapperTest} on Facteur's PostgreSQL store. */
class PostgresMessageMapperIT extends MessageMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected MapperProvider createMapperProvider() {
        return STORE.mapperProvider();
    }

    @Override
    protected UpdatableTickingClock updatableTickingClock() {
        return STORE.clock();
    }
}
