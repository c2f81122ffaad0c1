package org.facteur.mailserver.imap;

import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * A responder for SELECT and EXAMINE whose {@code EXISTS} is the number of messages in the session's view of the
 * selected mailbox, the numbers the client may use in its next command (RFC 3501 §7.3.1, RFC 9051 §7.4.1).
 * James 3.8.1 answers the store's count, read after the view was listed: a message delivered in between is counted
 * but has no sequence number yet (its event is applied on another thread), so {@code FETCH n} answered
 * {@code BAD Invalid messageset}. The view learns of that message from its event and says so with the next
 * command's untagged {@code EXISTS}.
 */
final class SessionCountedExists implements Responder {
    private final Responder responder;
    private final ImapSession session;

    SessionCountedExists(Responder responder, ImapSession session) {
        this.responder = responder;
        this.session = session;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        SelectedMailbox selected = session.getSelected();
        if (message instanceof ExistsResponse && selected != null) {
            responder.respond(new ExistsResponse(selected.existsCount()));
        } else {
            responder.respond(message);
        }
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
