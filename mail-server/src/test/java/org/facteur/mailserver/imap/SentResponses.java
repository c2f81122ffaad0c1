package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

/** The client's end of a responder under test: every response sent to it, in order. */
final class SentResponses implements Responder {
    final List<ImapResponseMessage> sent = new ArrayList<>();

    @Override
    public void respond(ImapResponseMessage message) {
        sent.add(message);
    }

    @Override
    public void flush() {
    }
}
