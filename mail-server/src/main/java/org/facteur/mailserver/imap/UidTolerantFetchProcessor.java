package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's FETCH, with UID sets that name no message answered OK as the RFC asks ({@link UidSets}), and 8-bit
 * envelope texts sent as RFC 2047 words instead of {@code ?} ({@link EightBitEnvelope}).
 */
public final class UidTolerantFetchProcessor extends FetchProcessor {
    @Inject
    public UidTolerantFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest request, ImapSession session, Responder responder) {
        return super.processRequestReactive(request, session, new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responder.respond(message instanceof FetchResponse fetched ? withEnvelope(fetched) : message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        });
    }

    private static FetchResponse withEnvelope(FetchResponse f) {
        FetchResponse.Envelope envelope = EightBitEnvelope.of(f.getEnvelope());
        if (envelope == f.getEnvelope()) {
            return f;
        }
        return new FetchResponse(f.getMessageNumber(), f.getFlags(), f.getUid(), f.getSaveDate(), f.getModSeq(),
                f.getInternalDate(), f.getSize(), envelope, f.getBody(), f.getBodyStructure(), f.getElements(),
                f.getEmailId(), f.getThreadId());
    }

    @Override
    protected Optional<MessageRange> messageRange(SelectedMailbox selected, IdRange range, boolean useUids)
            throws MessageRangeException {
        return UidSets.orNothing(super.messageRange(selected, range, useUids), useUids);
    }
}
