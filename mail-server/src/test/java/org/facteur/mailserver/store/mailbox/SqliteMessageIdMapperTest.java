package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageIdMapperTest;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageIdMapperTest} on Facteur's SQLite store. */
class SqliteMessageIdMapperTest extends MessageIdMapperTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MapperProvider provideMapper() {
        return STORE.mapperProvider();
    }

    @Override
    protected UpdatableTickingClock updatableTickingClock() {
        return STORE.clock();
    }
}
