package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageMoveTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageMoveTest} on Facteur's PostgreSQL store. */
class PostgresMessageMoveIT extends MessageMoveTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    @Override
    protected MapperProvider createMapperProvider() {
        return STORE.mapperProvider();
    }
}
