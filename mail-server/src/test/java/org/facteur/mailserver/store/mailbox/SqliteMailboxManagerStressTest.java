package org.facteur.mailserver.store.mailbox;

import java.util.Set;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxManagerStressContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** James's {@code MailboxManagerStressContract} (200 appends from 10 threads, no UID twice) on the SQLite store. */
class SqliteMailboxManagerStressTest implements MailboxManagerStressContract<SqlMailboxManager> {
    @RegisterExtension
    static final TestStore STORE = TestStore.sqlite();

    SqlMailboxManager manager;

    @BeforeEach
    void create() {
        manager = TestMailboxManagers.create(STORE, Set.of());
    }

    @Override
    public SqlMailboxManager getManager() {
        return manager;
    }

    @Override
    public EventBus retrieveEventBus() {
        return manager.getEventBus();
    }
}
