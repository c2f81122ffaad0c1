package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.processor.ExpungeProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

/** James's EXPUNGE, with UID sets that name no message answered OK as the RFC asks ({@link UidSets}). */
public final class UidTolerantExpungeProcessor extends ExpungeProcessor {
    @Inject
    public UidTolerantExpungeProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Optional<MessageRange> messageRange(SelectedMailbox selected, IdRange range, boolean useUids)
            throws MessageRangeException {
        return UidSets.orNothing(super.messageRange(selected, range, useUids), useUids);
    }
}
