package org.facteur.mailserver.store.mailbox;

import java.util.EnumSet;

import javax.mail.Flags;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.MessageStorer;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

/** James's message manager with keywords kept permanently (IMAP PERMANENTFLAGS includes {@code \*}). */
final class SqlMessageManager extends StoreMessageManager {

    SqlMessageManager(EnumSet<MailboxManager.MessageCapabilities> capabilities, MailboxSessionMapperFactory mapperFactory,
                      MessageSearchIndex index, EventBus eventBus, MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                      QuotaRootResolver quotaRootResolver, BatchSizes batchSizes, StoreRightManager rightManager,
                      PreDeletionHooks preDeletionHooks, MessageStorer messageStorer) {
        super(capabilities, mapperFactory, index, eventBus, locker, mailbox, quotaManager, quotaRootResolver, batchSizes,
                rightManager, preDeletionHooks, messageStorer);
    }

    @Override
    public Flags getPermanentFlags(MailboxSession session) {
        Flags flags = super.getPermanentFlags(session);
        flags.add(Flags.Flag.USER);
        return flags;
    }
}
