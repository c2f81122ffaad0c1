package org.facteur.mailserver.store.mailbox;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MailboxSessionUtil;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.mail.AttachmentMapper;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MapperProvider;

/**
 * Hands James's mapper contracts Facteur's SQL mappers, and says which of the contracts' features they have.
 * <p>James 3.8.1 contracts that are not run against this store, and why:
 * <ul>
 *   <li>{@code AttachmentMapperTest}, {@code MessageWithAttachmentMapperTest}: bodies are one blob each, attachments
 *       are not stored apart (ATTACHMENT is not declared below), as in James's JPA store.</li>
 *   <li>{@code CurrentQuotaManagerContract}: it checks usage kept by increase/decrease calls; here usage is the sum
 *       of the mailbox counters, so those calls are no-ops (quota figures are checked in MailboxCountersContract).</li>
 *   <li>{@code MessageUidProviderTest}: it tests the contracts' own UID counter, not a store.</li>
 * </ul>
 * Inside the suites that run, the only tests skipped are those James gates on a capability this store does not
 * declare: four {@code getApplicableFlag…ComputingApplicableFlagsFromCurrentMailboxState} tests of
 * {@code MessageMapperTest} (keywords accumulate per mailbox, INCREMENTAL_APPLICABLE_FLAGS, so that FLAGS never
 * scans the mailbox) and three quota-event tests of {@code MailboxManagerTest} (see {@link SqlMailboxManager}).
 */
final class SqlMapperProvider implements MapperProvider {
    private static final MailboxSession SESSION = MailboxSessionUtil.create(Username.of("benwa"));

    private final SqlMailboxSessionMapperFactory factory;
    /**
     * UIDs the message-id contract stores messages under. James's in-memory mapper silently replaces a message
     * stored at a UID already taken by another one; this store refuses (a UID is never reused for another message),
     * so these start far above the UIDs the same tests allocate through the mailbox (1, 2, 3, …).
     */
    private long nextUid = 1_000_000;

    SqlMapperProvider(SqlMailboxSessionMapperFactory factory) {
        this.factory = factory;
    }

    @Override
    public List<Capabilities> getSupportedCapabilities() {
        // ATTACHMENT is not declared: bodies are stored whole in the blob store, attachments are not kept apart
        // (as with James's JPA store, whose attachment mapper did not exist either).
        return List.of(Capabilities.MESSAGE, Capabilities.MAILBOX, Capabilities.ANNOTATION, Capabilities.MOVE,
                Capabilities.UNIQUE_MESSAGE_ID, Capabilities.THREAD_SAFE_FLAGS_UPDATE, Capabilities.INCREMENTAL_APPLICABLE_FLAGS,
                Capabilities.ACL_STORAGE);
    }

    @Override
    public MailboxMapper createMailboxMapper() {
        return factory.createMailboxMapper(SESSION);
    }

    @Override
    public MessageMapper createMessageMapper() {
        return factory.createMessageMapper(SESSION);
    }

    @Override
    public MessageIdMapper createMessageIdMapper() {
        return factory.createMessageIdMapper(SESSION);
    }

    @Override
    public AttachmentMapper createAttachmentMapper() {
        throw new UnsupportedOperationException("Attachments are not stored apart from their message");
    }

    @Override
    public MailboxId generateId() {
        return SqlMailboxId.of(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
    }

    @Override
    public synchronized MessageUid generateMessageUid() {
        return MessageUid.of(nextUid++);
    }

    /**
     * The mailbox's next mod-seq. The message-id contract also asks one for a mailbox that was never stored (to
     * check that saving into it fails): the store's provider refuses to invent one, so this gives a made-up value.
     */
    @Override
    public ModSeq generateModSeq(Mailbox mailbox) throws MailboxException {
        try {
            return factory.getModSeqProvider().nextModSeq(mailbox);
        } catch (MailboxNotFoundException e) {
            return ModSeq.of(1);
        }
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return factory.getModSeqProvider().highestModSeq(mailbox);
    }

    @Override
    public boolean supportPartialAttachmentFetch() {
        return false;
    }

    @Override
    public MessageId generateMessageId() {
        return new SqlMessageId.Factory().generate();
    }
}
