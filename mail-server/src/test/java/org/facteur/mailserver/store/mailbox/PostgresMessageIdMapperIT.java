package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageIdMapperTest;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageIdMapperTest} on Facteur's PostgreSQL store. */
class PostgresMessageIdMapperIT extends MessageIdMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected MapperProvider provideMapper() {
        return STORE.mapperProvider();
    }

    @Override
    protected UpdatableTickingClock updatableTickingClock() {
        return STORE.clock();
    }
}
