package org.facteur.mailserver.imap.envelope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.processor.fetch.EnvelopeBuilder;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
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
 * get James's own, built from their header sections in one read per batch. Only for FETCHes without body sections:
 * holding back answers that carry message content would hold that content too.
 */
public final class KeptEnvelopeFetch implements Responder {
    private static final Logger LOGGER = LoggerFactory.getLogger(KeptEnvelopeFetch.class);
    static final int BATCH = 128;

    private final Responder client;
    private final KeptEnvelopes kept;
    private final MailboxManager mailboxes;
    private final MailboxId mailbox;
    private final MailboxSession session;
    private final boolean uidAsked;
    private final boolean sizeAsked;
    private final UnaryOperator<FetchResponse> finish;
    private final List<FetchResponse> held = new ArrayList<>(BATCH);

    /**
     * @param mailboxes opens the selected mailbox, only when some message has no kept envelope
     * @param mailbox   the selected mailbox
     * @param uidAsked  whether the answers carry the UID anyway (asked for, UID FETCH, or QRESYNC enabled)
     * @param finish    applied to each answer once it has its envelope
     */
    public KeptEnvelopeFetch(Responder client, KeptEnvelopes kept, MailboxManager mailboxes, MailboxId mailbox,
                             MailboxSession session, boolean uidAsked, boolean sizeAsked,
                             UnaryOperator<FetchResponse> finish) {
        this.client = client;
        this.kept = kept;
        this.mailboxes = mailboxes;
        this.mailbox = mailbox;
        this.session = session;
        this.uidAsked = uidAsked;
        this.sizeAsked = sizeAsked;
        this.finish = finish;
    }

    /**
     * What to ask James for instead of {@code fetch} (which has no body sections): the same without ENVELOPE, with
     * UID and RFC822.SIZE.
     */
    public static FetchData withoutEnvelope(FetchData fetch) {
        FetchData.Builder builder = FetchData.builder();
        for (Item item : Item.values()) {
            if (item != Item.ENVELOPE && fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        builder.fetch(Item.UID, Item.SIZE);
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

    /**
     * Sends the held answers, each with its envelope; call once more when the command ends, or fails (nothing it
     * does throws).
     */
    public void release() {
        if (held.isEmpty()) {
            return;
        }
        List<Long> uids = new ArrayList<>(held.size());
        for (FetchResponse f : held) {
            uids.add(f.getUid().asLong());
        }
        Map<Long, FetchResponse.Envelope> stored = stored(uids);
        Map<Long, FetchResponse.Envelope> built = built(stored);
        List<FetchResponse> answers = new ArrayList<>(held);
        held.clear();
        for (FetchResponse f : answers) {
            long uid = f.getUid().asLong();
            FetchResponse.Envelope envelope = stored.containsKey(uid) ? stored.get(uid) : built.get(uid);
            if (envelope == null) {
                // Expunged (its last copy) since James read it, or its header section is unreadable: left out, as
                // James leaves out a message it cannot read (RFC 2180 §4.1.3 allows either).
                LOGGER.info("FETCH left out message UID {}: it has gone or its header section cannot be read", uid);
                continue;
            }
            client.respond(finish.apply(new FetchResponse(f.getMessageNumber(), f.getFlags(),
                    uidAsked ? f.getUid() : null, f.getSaveDate(), f.getModSeq(), f.getInternalDate(),
                    sizeAsked ? f.getSize() : null, envelope, f.getBody(), f.getBodyStructure(), f.getElements(),
                    f.getEmailId(), f.getThreadId())));
        }
    }

    /**
     * The kept envelopes that can be read, by UID: one whose bytes are not a current {@link EnvelopeCodec} envelope
     * (another version, damage), or all of them when the store cannot be read, count as not kept.
     */
    private Map<Long, FetchResponse.Envelope> stored(List<Long> uids) {
        Map<Long, byte[]> bytes;
        try {
            bytes = kept.of(mailbox, uids);
        } catch (RuntimeException e) {
            LOGGER.warn("Kept envelopes could not be read; building them from the header sections", e);
            return Map.of();
        }
        Map<Long, FetchResponse.Envelope> stored = new HashMap<>();
        bytes.forEach((uid, envelope) -> {
            try {
                stored.put(uid, EnvelopeCodec.decode(envelope));
            } catch (IllegalArgumentException e) {
                LOGGER.debug("Kept envelope of UID {} is not readable ({}); building it", uid, e.getMessage());
            }
        });
        return stored;
    }

    /** James's envelopes for the held messages that have none kept, from one read of their header sections. */
    private Map<Long, FetchResponse.Envelope> built(Map<Long, FetchResponse.Envelope> stored) {
        List<MessageUid> missing = new ArrayList<>();
        for (FetchResponse f : held) {
            if (!stored.containsKey(f.getUid().asLong())) {
                missing.add(f.getUid());
            }
        }
        Map<Long, FetchResponse.Envelope> built = new HashMap<>();
        if (missing.isEmpty()) {
            return built;
        }
        MessageManager messages;
        try {
            messages = mailboxes.getMailbox(mailbox, session);
        } catch (MailboxNotFoundException e) { // deleted by another session since James read it
            LOGGER.info("Mailbox {} was deleted during a FETCH; its answers without a kept envelope are left out",
                    mailbox);
            return built;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Unable to open mailbox {} to build envelopes; its answers without a kept envelope are left out",
                    mailbox, e);
            return built;
        }
        EnvelopeBuilder builder = new EnvelopeBuilder();
        for (MessageRange range : MessageRange.toRanges(missing)) {
            try {
                Iterator<MessageResult> results = messages.getMessages(range, FetchGroup.HEADERS, session);
                while (results.hasNext()) {
                    MessageResult result = results.next();
                    try {
                        built.put(result.getUid().asLong(), builder.buildEnvelope(result.getHeaders()));
                    } catch (MailboxException | RuntimeException e) {
                        LOGGER.error("Unable to build the envelope of message UID {}", result.getUid(), e);
                    }
                }
            } catch (MailboxException | RuntimeException e) {
                LOGGER.error("Unable to read the header sections of messages {}", range, e);
            }
        }
        return built;
    }
}
