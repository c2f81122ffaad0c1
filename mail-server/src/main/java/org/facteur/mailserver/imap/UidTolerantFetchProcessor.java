package org.facteur.mailserver.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;
import org.facteur.mailserver.imap.binary.BinaryFetchReplies;
import org.facteur.mailserver.imap.binary.UnknownTransferEncoding;
import org.facteur.mailserver.imap.envelope.KeptEnvelopeFetch;
import org.facteur.mailserver.imap.envelope.KeptEnvelopes;

import reactor.core.publisher.Mono;

/**
 * James's FETCH, with UID sets that name no message answered OK as the RFC asks ({@link UidSets}), 8-bit envelope
 * texts sent as RFC 2047 words instead of {@code ?} ({@link EightBitEnvelope}), and RFC 3516's BINARY items
 * ({@link BinaryFetchReplies}; the BINARY capability), and ENVELOPE read from the envelopes the store kept when it
 * stored each message ({@link KeptEnvelopeFetch}) instead of parsing header sections again. A part whose transfer
 * encoding the server cannot remove gets no FETCH reply and the command ends {@code NO [UNKNOWN-CTE]}, as RFC 3516
 * §4.3 asks. In a mailbox opened by EXAMINE, BODY[] and BINARY[] read as their PEEK forms: \Seen is not set
 * ({@link ReadOnlySelection}).
 */
public final class UidTolerantFetchProcessor extends FetchProcessor implements CapabilityImplementingProcessor {
    private static final List<Capability> CAPABILITIES = List.of(Capability.of("BINARY"));

    private final StatusResponseFactory factory;
    private final KeptEnvelopes keptEnvelopes;

    @Inject
    public UidTolerantFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                     KeptEnvelopes keptEnvelopes) {
        super(mailboxManager, factory, metricFactory);
        this.factory = factory;
        this.keptEnvelopes = keptEnvelopes;
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest asked, ImapSession session, Responder responder) {
        FetchRequest request = asked.getFetch().isSetSeen() && ReadOnlySelection.isReadOnly(session)
                ? ReadOnlySelection.peeking(asked) : asked;
        FetchData fetch = request.getFetch();
        SelectedMailbox selected = session.getSelected();
        if (!fetch.contains(FetchData.Item.ENVELOPE) || !fetch.getBodyElements().isEmpty() || selected == null) {
            return answer(request, session, responder);
        }
        boolean uidAsked = fetch.contains(FetchData.Item.UID) || request.isUseUids()
                || EnableProcessor.getEnabledCapabilities(session).contains(ImapConstants.SUPPORTS_QRESYNC);
        KeptEnvelopeFetch kept = new KeptEnvelopeFetch(responder, keptEnvelopes, getMailboxManager(),
                selected.getMailboxId(), session.getMailboxSession(), uidAsked, fetch.contains(FetchData.Item.SIZE),
                UidTolerantFetchProcessor::withEnvelope);
        FetchRequest withoutEnvelope = new FetchRequest(request.isUseUids(), request.getIdSet(),
                KeptEnvelopeFetch.withoutEnvelope(fetch), request.getTag());
        return answer(withoutEnvelope, session, kept)
                .onErrorResume(e -> Mono.fromRunnable(kept::release).then(Mono.<Void>error(e)))
                .then(Mono.fromRunnable(kept::release));
    }

    /** James's FETCH with Facteur's BINARY items and 8-bit envelopes; {@code request}'s tag ends it. */
    private Mono<Void> answer(FetchRequest request, ImapSession session, Responder responder) {
        BinaryFetchReplies binary = BinaryFetchReplies.of(request.getFetch());
        AtomicReference<String> undecodable = new AtomicReference<>();
        return super.processRequestReactive(request, session, new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof FetchResponse fetched) {
                    FetchResponse answer = binary == null ? fetched : decoded(fetched);
                    if (answer != null) {
                        responder.respond(withEnvelope(answer));
                    }
                } else if (undecodable.get() != null && message instanceof StatusResponse status
                        && status.getServerResponseType() == StatusResponse.Type.OK
                        && request.getTag().equals(status.getTag())) {
                    responder.respond(factory.taggedNo(request.getTag(), request.getCommand(),
                            new HumanReadableText("org.facteur.imap.fetch.binary.unknown-cte", undecodable.get()),
                            ResponseCodes.UNKNOWN_CTE));
                } else {
                    responder.respond(message);
                }
            }

            private FetchResponse decoded(FetchResponse fetched) {
                try {
                    return binary.answer(fetched);
                } catch (UnknownTransferEncoding e) {
                    undecodable.set(e.refusal(fetched.getMessageNumber().asInt()));
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
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
