package org.facteur.mailserver.store;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.store.mail.MessageMapper;

/** James's JPA mapper factory, handing out {@link FacteurMessageMapper}s. */
final class FacteurMapperFactory extends JPAMailboxSessionMapperFactory {
    private final EntityManagerFactory entityManagerFactory;
    private final JPAUidProvider uids;
    private final JPAModSeqProvider modSeqs;

    @Inject
    FacteurMapperFactory(EntityManagerFactory entityManagerFactory, JPAUidProvider uids, JPAModSeqProvider modSeqs) {
        super(entityManagerFactory, uids, modSeqs);
        this.entityManagerFactory = entityManagerFactory;
        this.uids = uids;
        this.modSeqs = modSeqs;
    }

    @Override
    public MessageMapper createMessageMapper(MailboxSession session) {
        return new FacteurMessageMapper(uids, modSeqs, entityManagerFactory);
    }
}
