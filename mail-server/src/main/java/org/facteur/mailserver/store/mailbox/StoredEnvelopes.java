package org.facteur.mailserver.store.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.processor.fetch.EnvelopeBuilder;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.MessageResultImpl;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.facteur.mailserver.imap.envelope.EnvelopeCodec;
import org.facteur.mailserver.imap.envelope.KeptEnvelopes;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each message's IMAP ENVELOPE, built once when the message is stored (beside its header copy, in message_header)
 * and read back by FETCH. Built by James's own {@link EnvelopeBuilder} from the same header bytes a FETCH would
 * parse, so the answer is the same; a message whose envelope does not come back unchanged from
 * {@link EnvelopeCodec} gets none kept and FETCH builds it as before.
 */
public final class StoredEnvelopes implements KeptEnvelopes {
    private static final Logger LOGGER = LoggerFactory.getLogger(StoredEnvelopes.class);
    private static final SqlMessageId NO_ID = new SqlMessageId(new UUID(0, 0));

    private final Database database;

    @Inject
    public StoredEnvelopes(Database database) {
        this.database = database;
    }

    @Override
    public Map<Long, byte[]> of(MailboxId mailbox, Collection<Long> uids) {
        Map<Long, byte[]> kept = new HashMap<>();
        if (uids.isEmpty()) {
            return kept;
        }
        List<Object> params = new ArrayList<>(uids.size() + 1);
        params.add(SqlMailboxId.raw(mailbox));
        params.addAll(uids);
        String sql = "SELECT mm.uid, mh.envelope FROM mailbox_message mm JOIN message_header mh ON mh.message_id = mm.message_id "
                + "WHERE mm.mailbox_id = ? AND mh.envelope IS NOT NULL AND mm.uid IN ("
                + String.join(", ", Collections.nCopies(uids.size(), "?")) + ")";
        database.read(c -> Jdbc.list(c, sql, rs -> Map.entry(rs.getLong(1), rs.getBytes(2)), params.toArray()))
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    /**
     * The envelope to keep for a message with this header section, or null when none can be kept (also when there is
     * no header copy: null).
     */
    static byte[] of(byte[] header) {
        if (header == null) {
            return null;
        }
        try {
            SimpleMailboxMessage headerOnly = SimpleMailboxMessage.builder()
                    .messageId(NO_ID)
                    .threadId(ThreadId.fromBaseMessageId(NO_ID))
                    .mailboxId(SqlMailboxId.of(0))
                    .internalDate(new java.util.Date(0))
                    .size(header.length)
                    .bodyStartOctet(header.length)
                    .content(new ByteContent(header))
                    .flags(new Flags())
                    .properties(new PropertyBuilder())
                    .build();
            FetchResponse.Envelope built = new EnvelopeBuilder().buildEnvelope(new MessageResultImpl(headerOnly).getHeaders());
            byte[] bytes = EnvelopeCodec.encode(built);
            return EnvelopeCodec.same(built, EnvelopeCodec.decode(bytes)) ? bytes : null;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.debug("No envelope kept for a message; FETCH will build it from the header section", e);
            return null;
        }
    }
}
