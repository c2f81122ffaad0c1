package org.facteur.mailserver.store.mailbox;

import java.util.Set;

import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.extension.PreDeletionHook;
import org.apache.james.mailbox.store.FakeAuthenticator;
import org.apache.james.mailbox.store.FakeAuthorizator;
import org.apache.james.mailbox.store.NoMailboxPathLocker;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.facteur.mailserver.events.ConcurrentEventBus;
import org.facteur.mailserver.store.quota.CounterCurrentQuotaManager;
import org.facteur.mailserver.store.quota.SqlMaxQuotaManager;

/**
 * A {@link SqlMailboxManager} wired as Facteur's Guice module wires it (SQL mappers, counter-based quotas, SQL
 * limits), with Facteur's in-VM event bus and James's scanning search index instead of Lucene.
 */
final class TestMailboxManagers {
    static final int ANNOTATION_LIMIT = 3;
    static final int ANNOTATION_SIZE_LIMIT = 30;

    private TestMailboxManagers() {
    }

    static SqlMailboxManager create(TestStore store, Set<PreDeletionHook> hooks) {
        SqlMailboxSessionMapperFactory factory = store.factory();
        ConcurrentEventBus eventBus = new ConcurrentEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
                RetryBackoffConfiguration.DEFAULT, new MemoryEventDeadLetters());
        StoreRightManager rights = new StoreRightManager(factory, new UnionMailboxACLResolver(), eventBus);
        StoreMailboxAnnotationManager annotations = new StoreMailboxAnnotationManager(factory, rights, ANNOTATION_LIMIT, ANNOTATION_SIZE_LIMIT);
        SessionProviderImpl sessions = new SessionProviderImpl(new FakeAuthenticator(), FakeAuthorizator.defaultReject());
        SqlMaxQuotaManager maxQuotas = new SqlMaxQuotaManager(store.database());
        QuotaComponents quotas = new QuotaComponents(maxQuotas,
                new StoreQuotaManager(new CounterCurrentQuotaManager(store.database()), maxQuotas),
                new DefaultUserQuotaRootResolver(sessions, factory));
        SimpleMessageSearchIndex index = new SimpleMessageSearchIndex(factory, factory, new DefaultTextExtractor(), new WholeMessageAttachments());
        return new SqlMailboxManager(factory, sessions, new NoMailboxPathLocker(), new MessageParser(), new SqlMessageId.Factory(),
                annotations, eventBus, rights, quotas, index, MailboxManagerConfiguration.DEFAULT,
                new PreDeletionHooks(hooks, new RecordingMetricFactory()), new NaiveThreadIdGuessingAlgorithm(), store.clock());
    }
}
