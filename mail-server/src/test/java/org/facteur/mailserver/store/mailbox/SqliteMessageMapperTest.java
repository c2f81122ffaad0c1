package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageMapperTest;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageMapperTest} on Facteur's SQLite store. */
class SqliteMessageMapperTest extends MessageMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MapperProvider createMapperProvider() {
        return STORE.mapperProvider();
    }

    @Override
    protected UpdatableTickingClock updatableTickingClock() {
        return STORE.clock();
    }
}
