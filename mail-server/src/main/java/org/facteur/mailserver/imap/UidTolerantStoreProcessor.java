package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's STORE, with UID sets that name no message answered OK as the RFC asks ({@link UidSets}), refused in a
 * mailbox opened by EXAMINE ({@link ReadOnlySelection}), and {@code BAD} for a flag with a backslash that is not a
 * system flag ({@link SystemFlags}) in {@code FLAGS} and {@code +FLAGS}; {@code -FLAGS} may name one, so that a flag
 * stored before can be removed.
 */
public final class UidTolerantStoreProcessor extends StoreProcessor {
    @Inject
    public UidTolerantStoreProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(StoreRequest request, ImapSession session, Responder responder) {
        Optional<String> unknownFlag = SystemFlags.unknown(request.getFlags());
        // -FLAGS may still name one: a message can carry it from before Facteur refused them
        if (unknownFlag.isPresent() && request.getFlagsUpdateMode() != MessageManager.FlagsUpdateMode.REMOVE) {
            return Mono.fromRunnable(() -> taggedBad(request, responder, SystemFlags.refusal(unknownFlag.get())));
        }
        if (ReadOnlySelection.isReadOnly(session)) {
            return Mono.fromRunnable(() -> no(request, responder, ReadOnlySelection.refusal(request)));
        }
        return super.processRequestReactive(request, session, responder);
    }

    @Override
    protected Optional<MessageRange> messageRange(SelectedMailbox selected, IdRange range, boolean useUids)
            throws MessageRangeException {
        return UidSets.orNothing(super.messageRange(selected, range, useUids), useUids);
    }
}
