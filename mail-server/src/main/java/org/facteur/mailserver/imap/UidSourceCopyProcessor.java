package org.facteur.mailserver.imap;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.processor.CopyProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's COPY and UID COPY, whose COPYUID names the UIDs copied as its source ({@link NamedUids}). James 3.8.1
 * repeated the command's set: {@code COPY 1:3} answered {@code COPYUID v 1:3 …} with sequence numbers, wrong as soon
 * as a message was expunged, and {@code UID COPY 1:*} answered {@code 1:9223372036854775807}, beyond the 32-bit
 * numbers a client parses. UID sets naming no message answer OK ({@link UidSets}), with no COPYUID since nothing
 * was copied; so does a copy whose count differs from the UIDs named (another session changed the mailbox).
 */
public final class UidSourceCopyProcessor extends CopyProcessor {
    @Inject
    public UidSourceCopyProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                  MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CopyRequest request, ImapSession session, Responder responder) {
        List<IdRange> copied = NamedUids.of(request.getIdSet(), request.isUseUids(), session.getSelected(),
                this::messageRange);
        return super.processRequestReactive(request, session, new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responder.respond(message instanceof StatusResponse status && status.getTag() != null
                        ? withCopiedSource(status, copied) : message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        });
    }

    private StatusResponse withCopiedSource(StatusResponse status, List<IdRange> copied) {
        StatusResponse.ResponseCode code = status.getResponseCode();
        if (status.getServerResponseType() != StatusResponse.Type.OK || code == null
                || !"COPYUID".equals(code.getCode())) {
            return status;
        }
        StatusResponseFactory factory = getStatusResponseFactory();
        return NamedUids.copyUid(copied, code)
                .map(copyUid -> factory.taggedOk(status.getTag(), status.getCommand(), status.getTextKey(), copyUid))
                .orElseGet(() -> factory.taggedOk(status.getTag(), status.getCommand(), status.getTextKey()));
    }

    @Override
    protected Optional<MessageRange> messageRange(SelectedMailbox selected, IdRange range, boolean useUids)
            throws MessageRangeException {
        return UidSets.orNothing(super.messageRange(selected, range, useUids), useUids);
    }
}
