package org.facteur.mailserver.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.processor.MoveProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's MOVE and UID MOVE, answering as RFC 6851 §4.3 asks and as Dovecot does (its imaptest {@code move} failed):
 * <ul>
 *   <li>COPYUID comes in an untagged OK before the EXPUNGEs, the tagged OK is plain ({@link CopyUidFirst}); James
 *       3.8.1 put it on the tagged OK, after them, where COPY has it (RFC 4315);</li>
 *   <li>its source set is the UIDs moved, in order, where James repeated the command's set: sequence numbers for
 *       MOVE, and UIDs naming no message for UID MOVE, so a client pairing source and destination got them wrong
 *       ({@link NamedUids});</li>
 *   <li>the expunged messages leave the session's \Recent set before RECENT is counted: James cleared the expunged
 *       UIDs first, so a MOVE into the selected mailbox itself answered {@code * 4 RECENT} with 2 messages left
 *       (RFC 3501 §7.3.2);</li>
 *   <li>UID sets naming no message answer OK ({@link UidSets});</li>
 *   <li>a mailbox opened by EXAMINE is refused as the source ({@link ReadOnlySelection}).</li>
 * </ul>
 */
public final class CopyUidFirstMoveProcessor extends MoveProcessor {
    @Inject
    public CopyUidFirstMoveProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(MoveRequest request, ImapSession session, Responder responder) {
        if (ReadOnlySelection.isReadOnly(session)) {
            return Mono.fromRunnable(() -> no(request, responder, ReadOnlySelection.refusal(request)));
        }
        CopyUidFirst copyUidFirst = new CopyUidFirst(responder, getStatusResponseFactory(),
                NamedUids.of(request.getIdSet(), request.isUseUids(), session.getSelected(), this::messageRange));
        return super.processRequestReactive(request, session, copyUidFirst)
                .doOnTerminate(copyUidFirst::release);
    }

    @Override
    protected Mono<Void> unsolicitedResponses(ImapSession session, Responder responder, boolean useUids) {
        return Mono.defer(() -> {
            SelectedMailbox selected = session.getSelected();
            if (selected != null) {
                boolean reported = selected.isRecentUidRemoved();
                selected.expungedUids().forEach(selected::removeRecent);
                if (!reported) {
                    selected.resetRecentUidRemoved(); // RECENT goes with an EXISTS, as before (Dovecot, James's scripts)
                }
            }
            return super.unsolicitedResponses(session, responder, useUids);
        });
    }

    @Override
    protected Optional<MessageRange> messageRange(SelectedMailbox selected, IdRange range, boolean useUids)
            throws MessageRangeException {
        return UidSets.orNothing(super.messageRange(selected, range, useUids), useUids);
    }
}
