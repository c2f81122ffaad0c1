package org.facteur.mailserver.store.mailbox;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxManagerTest;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * James's {@code MailboxManagerTest} against {@link SqlMailboxManager} on Facteur's PostgreSQL store. What it skips, it skips
 * through the capabilities the manager declares: Quota (usage comes from the mailbox counters, so James's
 * quota-usage events are not sent; the quota figures themselves are tested in MailboxCountersContract).
 */
class PostgresMailboxManagerIT extends MailboxManagerTest<SqlMailboxManager> {
    @RegisterExtension
    static final TestStore STORE = TestStore.postgresql();

    private SqlMailboxManager manager;

    @Override
    protected SqlMailboxManager provideMailboxManager() {
        if (manager == null) {
            manager = TestMailboxManagers.create(STORE, preDeletionHooks());
        }
        return manager;
    }

    @Override
    protected SubscriptionManager provideSubscriptionManager() {
        return new StoreSubscriptionManager(STORE.factory(), STORE.factory(), provideMailboxManager().getEventBus());
    }

    @Override
    protected EventBus retrieveEventBus(SqlMailboxManager mailboxManager) {
        return mailboxManager.getEventBus();
    }
}
