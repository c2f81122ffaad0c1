package org.facteur.mailserver.store.mailbox;

import java.time.Duration;

import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.adapter.mailbox.UserRepositoryAuthorizator;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.acl.MailboxACLResolver;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.NoMailboxPathLocker;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.modules.Names;
import org.apache.james.quota.search.QuotaSearcher;
import org.apache.james.quota.search.scanning.ScanningQuotaSearcher;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.MailboxManagerDefinition;
import org.facteur.mailserver.imap.envelope.KeptEnvelopes;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.quota.CounterCurrentQuotaManager;
import org.facteur.mailserver.store.quota.SqlMaxQuotaManager;
import org.facteur.mailserver.store.sql.Database;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * James's mailbox manager and quotas on Facteur's SQL store, in place of James's JPA modules. The caller owns the
 * {@link Database} and the {@link BlobStore} (files under the data directory with SQLite, the database's blob table
 * with PostgreSQL) and hands them in; {@link #on} brings the mailbox schema up to date first.
 */
public final class SqlMailboxModule extends AbstractModule {
    /** How long an unreferenced blob is kept before the collector deletes it. */
    static final Duration ORPHAN_GRACE = Duration.ofHours(1);
    private static final Duration COLLECTION_PERIOD = Duration.ofMinutes(10);

    private final Database database;
    private final BlobStore blobs;

    private SqlMailboxModule(Database database, BlobStore blobs) {
        this.database = database;
        this.blobs = blobs;
    }

    /** The module on this database and blob store, the mailbox tables created or migrated. */
    public static SqlMailboxModule on(Database database, BlobStore blobs) {
        SqlMailboxSessionMapperFactory.migrate(database);
        return new SqlMailboxModule(database, blobs);
    }

    @Override
    protected void configure() {
        bind(Database.class).toInstance(database);
        bind(BlobStore.class).toInstance(blobs);

        bind(SqlMailboxSessionMapperFactory.class).in(Scopes.SINGLETON);
        bind(MailboxSessionMapperFactory.class).to(SqlMailboxSessionMapperFactory.class);
        bind(MessageMapperFactory.class).to(SqlMailboxSessionMapperFactory.class);
        bind(MailboxMapperFactory.class).to(SqlMailboxSessionMapperFactory.class);
        bind(SubscriptionMapperFactory.class).to(SqlMailboxSessionMapperFactory.class);
        bind(SqlUidProvider.class).in(Scopes.SINGLETON);
        bind(SqlModSeqProvider.class).in(Scopes.SINGLETON);
        bind(UidProvider.class).to(SqlUidProvider.class);
        bind(ModSeqProvider.class).to(SqlModSeqProvider.class);
        bind(SqlMailboxId.Factory.class).in(Scopes.SINGLETON);
        bind(SqlMessageId.Factory.class).in(Scopes.SINGLETON);
        bind(MailboxId.Factory.class).to(SqlMailboxId.Factory.class);
        bind(MessageId.Factory.class).to(SqlMessageId.Factory.class);

        bind(StoredEnvelopes.class).in(Scopes.SINGLETON);
        bind(EnvelopeBackfill.class).in(Scopes.SINGLETON);
        bind(KeptEnvelopes.class).to(StoredEnvelopes.class);

        bind(SqlMailboxManager.class).in(Scopes.SINGLETON);
        bind(MailboxManager.class).to(SqlMailboxManager.class);
        bind(StoreMailboxManager.class).to(SqlMailboxManager.class);
        bind(MailboxManager.class).annotatedWith(com.google.inject.name.Names.named(Names.MAILBOXMANAGER_NAME)).to(MailboxManager.class);
        bind(MailboxManagerConfiguration.class).toInstance(MailboxManagerConfiguration.DEFAULT);
        // No lock per mailbox path in this JVM: each write is one transaction that takes the mailbox row's lock
        // (UID and mod-seq allocation, counters), which orders writers across nodes too. James's JVM locker on
        // top of it queued every writer of a mailbox behind one another's search-index update: with 20 busy
        // clients, 12 to 17 threads parked on it and commands waited up to 10-14 s (ConcurrentImapClientsIT).
        bind(MailboxPathLocker.class).toInstance(new NoMailboxPathLocker());
        bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
        bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
        bind(SessionProviderImpl.class).in(Scopes.SINGLETON);
        bind(SessionProvider.class).to(SessionProviderImpl.class);
        bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
        bind(UserRepositoryAuthorizator.class).in(Scopes.SINGLETON);
        bind(Authenticator.class).to(UserRepositoryAuthenticator.class);
        bind(Authorizator.class).to(UserRepositoryAuthorizator.class);
        bind(UnionMailboxACLResolver.class).in(Scopes.SINGLETON);
        bind(MailboxACLResolver.class).to(UnionMailboxACLResolver.class);
        bind(NaiveThreadIdGuessingAlgorithm.class).in(Scopes.SINGLETON);
        bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);
        bind(AttachmentContentLoader.class).to(WholeMessageAttachments.class);

        bind(DefaultUserQuotaRootResolver.class).in(Scopes.SINGLETON);
        bind(UserQuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootDeserializer.class).to(DefaultUserQuotaRootResolver.class);
        bind(SqlMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(MaxQuotaManager.class).to(SqlMaxQuotaManager.class);
        bind(CounterCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(CurrentQuotaManager.class).to(CounterCurrentQuotaManager.class);
        bind(StoreQuotaManager.class).in(Scopes.SINGLETON);
        bind(QuotaManager.class).to(StoreQuotaManager.class);
        bind(ScanningQuotaSearcher.class).in(Scopes.SINGLETON);
        bind(QuotaSearcher.class).to(ScanningQuotaSearcher.class);

        bind(OrphanCollection.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class).addBinding().to(SqlMailboxManagerDefinition.class);
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
                .addBinding().to(MailboxAnnotationListener.class);
        Multibinder<UsernameChangeTaskStep> usernameChange = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChange.addBinding().to(MailboxUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(ACLUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(QuotaUsernameChangeTaskStep.class);
    }

    @Provides
    @Singleton
    OrphanBlobCollector orphanBlobCollector(java.time.Clock clock) {
        return new OrphanBlobCollector(database, blobs, ORPHAN_GRACE, clock);
    }

    @ProvidesIntoSet
    InitializationOperation collectOrphanBlobs(OrphanCollection collection) {
        return InitilizationOperationBuilder.forClass(OrphanCollection.class)
                .init(() -> collection.collector.start(COLLECTION_PERIOD));
    }

    @ProvidesIntoSet
    InitializationOperation keepOlderEnvelopes(EnvelopeBackfill backfill) {
        return InitilizationOperationBuilder.forClass(EnvelopeBackfill.class).init(backfill::start);
    }

    /**
     * Stops the collector when James stops. Guice tells James's {@code @PreDestroy} handling only about the classes it
     * constructs, not about what a {@code @Provides} method returns: the collector itself was never stopped, and each
     * stopped server left its thread running against a closed database (ServerStopIT).
     */
    public static final class OrphanCollection implements org.apache.james.lifecycle.api.Startable {
        private final OrphanBlobCollector collector;

        @Inject
        public OrphanCollection(OrphanBlobCollector collector) {
            this.collector = collector;
        }

        @javax.annotation.PreDestroy
        public void stop() {
            collector.close();
        }
    }

    static final class SqlMailboxManagerDefinition extends MailboxManagerDefinition {
        @Inject
        SqlMailboxManagerDefinition(SqlMailboxManager manager) {
            super("facteur-sql-mailboxmanager", manager);
        }
    }
}
