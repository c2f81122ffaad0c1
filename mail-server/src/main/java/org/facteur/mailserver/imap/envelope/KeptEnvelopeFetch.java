package org.facteur.mailserver.imap.envelope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.processor.fetch.EnvelopeBuilder;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FETCH with ENVELOPE answered from the envelopes the store kept ({@link KeptEnvelopes}) instead of James parsing
 * each message's header section and addresses (a quarter of a FETCH's time in JFR). James is asked for everything
 * but ENVELOPE, plus UID and RFC822.SIZE: the UID to look the envelope up, the size to tell its answers from the
 * unsolicited FLAGS updates of the same command (which never carry a size). Its answers are held back up to
 * {@link #BATCH} at a time, their envelopes read in one query, then sent in order with the UID and size dropped
 * again where the client did not ask for them. Messages without a kept envelope (stored before they were kept)
 * get James's own, built from their header sections in one read per batch.
 */
public final class KeptEnvelopeFetch implements Responder {
    private static final Logger LOGGER = LoggerFactory.getLogger(KeptEnvelopeFetch.class);
    static final int BATCH = 128;

    private final Responder client;
    private final KeptEnvelopes kept;
    private final MessageManager mailbox;
    private final MailboxSession session;
    private final boolean uidAsked;
    private final boolean sizeAsked;
    private final UnaryOperator<FetchResponse> finish;
    private final List<FetchResponse> held = new ArrayList<>(BATCH);

    /**
     * @param uidAsked  whether the answers carry the UID anyway (asked for, UID FETCH, or QRESYNC enabled)
     * @param finish    applied to each answer once it has its envelope
     */
    public KeptEnvelopeFetch(Responder client, KeptEnvelopes kept, MessageManager mailbox, MailboxSession session,
                             boolean uidAsked, boolean sizeAsked, UnaryOperator<FetchResponse> finish) {
        this.client = client;
        this.kept = kept;
        this.mailbox = mailbox;
        this.session = session;
        this.uidAsked = uidAsked;
        this.sizeAsked = sizeAsked;
        this.finish = finish;
    }

    /** What to ask James for instead of {@code fetch}: the same without ENVELOPE, with UID and RFC822.SIZE. */
    public static FetchData withoutEnvelope(FetchData fetch) {
        FetchData.Builder builder = FetchData.builder();
        for (Item item : Item.values()) {
            if (item != Item.ENVELOPE && fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        builder.fetch(Item.UID, Item.SIZE);
        // James marks a FETCH as setting \Seen when one of its sections is not a PEEK: adding them all back as
        // PEEK or not, as the whole was, gives the same mark.
        for (BodyFetchElement element : fetch.getBodyElements()) {
            builder.add(element, !fetch.isSetSeen());
        }
        if (fetch.getChangedSince() != -1) {
            builder.changedSince(fetch.getChangedSince());
        }
        return builder.vanished(fetch.getVanished()).build();
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof FetchResponse fetched && fetched.getSize() != null && fetched.getUid() != null) {
            held.add(fetched);
            if (held.size() >= BATCH) {
                release();
            }
            return;
        }
        release();
        client.respond(message);
    }

    @Override
    public void flush() {
        release();
        client.flush();
    }

    /** Sends the held answers, each with its envelope; call once more when the command ends. */
    public void release() {
        if (held.isEmpty()) {
            return;
        }
        List<Long> uids = new ArrayList<>(held.size());
        for (FetchResponse f : held) {
            uids.add(f.getUid().asLong());
        }
        Map<Long, byte[]> stored = kept.of(mailbox.getId(), uids);
        Map<Long, FetchResponse.Envelope> built = built(stored);
        List<FetchResponse> answers = new ArrayList<>(held);
        held.clear();
        for (FetchResponse f : answers) {
            long uid = f.getUid().asLong();
            byte[] bytes = stored.get(uid);
            FetchResponse.Envelope envelope = bytes != null ? EnvelopeCodec.decode(bytes) : built.get(uid);
            if (envelope == null) {
                LOGGER.debug("Message with UID {} has gone; its FETCH answer is left out", uid);
                continue;
            }
            client.respond(finish.apply(new FetchResponse(f.getMessageNumber(), f.getFlags(),
                    uidAsked ? f.getUid() : null, f.getSaveDate(), f.getModSeq(), f.getInternalDate(),
                    sizeAsked ? f.getSize() : null, envelope, f.getBody(), f.getBodyStructure(), f.getElements(),
                    f.getEmailId(), f.getThreadId())));
        }
    }

    /** James's envelopes for the held messages that have none kept, from one read of their header sections. */
    private Map<Long, FetchResponse.Envelope> built(Map<Long, byte[]> stored) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (FetchResponse f : held) {
            long uid = f.getUid().asLong();
            if (!stored.containsKey(uid)) {
                first = Math.min(first, uid);
                last = Math.max(last, uid);
            }
        }
        Map<Long, FetchResponse.Envelope> built = new HashMap<>();
        if (first > last) {
            return built;
        }
        EnvelopeBuilder builder = new EnvelopeBuilder();
        try {
            Iterator<MessageResult> results = mailbox.getMessages(
                    MessageRange.range(MessageUid.of(first), MessageUid.of(last)), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                long uid = result.getUid().asLong();
                if (!stored.containsKey(uid)) {
                    built.put(uid, builder.buildEnvelope(result.getHeaders()));
                }
            }
        } catch (MailboxException e) {
            LOGGER.error("Unable to read the header sections of messages {} to {}; their FETCH answers are left out",
                    first, last, e);
        }
        return built;
    }
}
