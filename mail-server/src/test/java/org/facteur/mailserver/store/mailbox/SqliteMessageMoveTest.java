package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.store.mail.model.MapperProvider;
import org.apache.james.mailbox.store.mail.model.MessageMoveTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MessageMoveTest} on Facteur's SQLite store. */
class SqliteMessageMoveTest extends MessageMoveTest {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    @Override
    protected MapperProvider createMapperProvider() {
        return STORE.mapperProvider();
    }
}
