package org.facteur.mailserver.store.mailbox;

import java.time.Clock;
import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MessageFactory;
import org.apache.james.mailbox.store.MessageStorer;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

/**
 * James's mailbox manager on Facteur's SQL store, declaring what the store really supports: keywords, namespaces,
 * MOVE, METADATA, ACLs, and message ids shared by a message's copies (IMAP OBJECTID). Quota is not declared: usage
 * is derived from the mailbox counters, so James's quota-usage events are not emitted.
 */
public class SqlMailboxManager extends StoreMailboxManager {
    public static final EnumSet<MailboxCapabilities> CAPABILITIES = EnumSet.of(MailboxCapabilities.UserFlag,
            MailboxCapabilities.Namespace, MailboxCapabilities.Move, MailboxCapabilities.Annotation, MailboxCapabilities.ACL);
    public static final EnumSet<MessageCapabilities> MESSAGE_CAPABILITIES = EnumSet.of(MessageCapabilities.UniqueID);

    private final PreDeletionHooks hooks;
    private final MailboxManagerConfiguration config;

    @Inject
    public SqlMailboxManager(SqlMailboxSessionMapperFactory mapperFactory, SessionProvider sessionProvider, MailboxPathLocker locker,
                             MessageParser messageParser, MessageId.Factory messageIdFactory,
                             StoreMailboxAnnotationManager annotationManager, EventBus eventBus, StoreRightManager rightManager,
                             QuotaComponents quotaComponents, MessageSearchIndex searchIndex, MailboxManagerConfiguration configuration,
                             PreDeletionHooks preDeletionHooks, ThreadIdGuessingAlgorithm threadIdGuessingAlgorithm, Clock clock) {
        super(mapperFactory, sessionProvider, locker, messageParser, messageIdFactory, annotationManager, eventBus, rightManager,
                quotaComponents, searchIndex, configuration, preDeletionHooks, threadIdGuessingAlgorithm, clock);
        this.hooks = preDeletionHooks;
        this.config = configuration;
    }

    @Override
    protected StoreMessageManager createMessageManager(Mailbox mailbox, MailboxSession session) {
        return new SqlMessageManager(MESSAGE_CAPABILITIES, getMapperFactory(), getMessageSearchIndex(), getEventBus(), getLocker(),
                mailbox, getQuotaComponents().getQuotaManager(), getQuotaComponents().getQuotaRootResolver(), config.getBatchSizes(),
                getStoreRightManager(), hooks,
                new MessageStorer.WithoutAttachment(getMapperFactory(), getMessageIdFactory(), new MessageFactory.StoreMessageFactory(),
                        getThreadIdGuessingAlgorithm(), getClock()));
    }

    @Override
    public EnumSet<MailboxCapabilities> getSupportedMailboxCapabilities() {
        return CAPABILITIES;
    }

    @Override
    public EnumSet<MessageCapabilities> getSupportedMessageCapabilities() {
        return MESSAGE_CAPABILITIES;
    }
}
