package org.facteur.mailserver.store.mailbox;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.sql.Database;

/**
 * James's entry point to the mailbox store: hands out Facteur's SQL mappers. They hold no state of their own
 * (each call is its own transaction on the shared {@link Database}), so one of each serves every session.
 */
public final class SqlMailboxSessionMapperFactory extends MailboxSessionMapperFactory {
    /** Where the mailbox part's schema scripts are ({@code <engine>/V<n>__<name>.sql}). */
    public static final String MIGRATIONS = "org/facteur/mailserver/store/mailbox/migration";

    private final SqlMailboxMapper mailboxes;
    private final SqlMessageMapper messages;
    private final SqlMessageIdMapper messageIds;
    private final SqlSubscriptionMapper subscriptions;
    private final SqlAnnotationMapper annotations;
    private final SqlUidProvider uids;
    private final SqlModSeqProvider modSeqs;

    @Inject
    public SqlMailboxSessionMapperFactory(Database database, BlobStore blobs, Clock clock) {
        MessageBodies bodies = new MessageBodies(blobs);
        this.mailboxes = new SqlMailboxMapper(database, clock);
        this.messages = new SqlMessageMapper(database, bodies, clock);
        this.messageIds = new SqlMessageIdMapper(database, bodies, clock);
        this.subscriptions = new SqlSubscriptionMapper(database);
        this.annotations = new SqlAnnotationMapper(database);
        this.uids = new SqlUidProvider(database);
        this.modSeqs = new SqlModSeqProvider(database);
    }

    /** Creates or brings up to date the mailbox tables of {@code database}. */
    public static void migrate(Database database) {
        database.migrate("mailbox", MIGRATIONS);
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return mailboxes;
    }

    @Override
    public MessageMapper createMessageMapper(MailboxSession session) {
        return messages;
    }

    @Override
    public MessageIdMapper createMessageIdMapper(MailboxSession session) {
        return messageIds;
    }

    @Override
    public SubscriptionMapper createSubscriptionMapper(MailboxSession session) {
        return subscriptions;
    }

    @Override
    public AnnotationMapper createAnnotationMapper(MailboxSession session) {
        return annotations;
    }

    @Override
    public UidProvider getUidProvider() {
        return uids;
    }

    @Override
    public ModSeqProvider getModSeqProvider() {
        return modSeqs;
    }
}
