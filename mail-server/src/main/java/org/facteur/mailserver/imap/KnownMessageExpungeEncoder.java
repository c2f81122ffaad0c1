package org.facteur.mailserver.imap;

import java.io.IOException;

import org.apache.james.imap.encode.ExpungeResponseEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.message.response.ExpungeResponse;

/**
 * James's {@code EXPUNGE} response, left out for a message the session never numbered. James 3.8.1 queues every
 * expunged UID its session hears of, and writes {@code * -1 EXPUNGE} (a protocol error: clients drop the connection
 * or renumber wrongly) for one it did not know: the message was expunged before the session read the mailbox, but the
 * news came after, which with several nodes (events through RabbitMQ) takes a few milliseconds instead of a few
 * microseconds. Such a message was never shown to the client, so there is nothing to tell it.
 */
public final class KnownMessageExpungeEncoder implements ImapResponseEncoder<ExpungeResponse> {
    @Override
    public Class<ExpungeResponse> acceptableMessages() {
        return ExpungeResponse.class;
    }

    @Override
    public void encode(ExpungeResponse response, ImapResponseComposer composer) throws IOException {
        if (response.getMessageSequenceNumber().asInt().isPresent()) {
            new ExpungeResponseEncoder().encode(response, composer);
        }
    }
}
