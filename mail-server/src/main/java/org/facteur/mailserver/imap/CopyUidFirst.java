package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

/**
 * A responder for MOVE that holds the untagged responses (EXPUNGE, EXISTS, RECENT, FETCH) until the tagged OK, then
 * sends COPYUID in an untagged OK, what it held, and the tagged OK without a code (RFC 6851 §4.3). COPYUID names
 * {@code moved} as its source, the destination UIDs James found; nothing moved, or not as many as named, no COPYUID
 * ({@link NamedUids#copyUid}).
 */
final class CopyUidFirst implements Responder {
    private static final HumanReadableText MOVED = new HumanReadableText("org.facteur.imap.MOVED", "Moved UIDs.");

    private final Responder responder;
    private final StatusResponseFactory factory;
    private final List<IdRange> moved;
    private final List<ImapResponseMessage> held = new ArrayList<>();

    CopyUidFirst(Responder responder, StatusResponseFactory factory, List<IdRange> moved) {
        this.responder = responder;
        this.factory = factory;
        this.moved = moved;
    }

    @Override
    public synchronized void respond(ImapResponseMessage message) {
        if (!(message instanceof StatusResponse status) || status.getTag() == null) {
            held.add(message);
            return;
        }
        StatusResponse.ResponseCode code = status.getResponseCode();
        if (status.getServerResponseType() == StatusResponse.Type.OK && code != null && "COPYUID".equals(code.getCode())) {
            NamedUids.copyUid(moved, code).ifPresent(copyUid -> responder.respond(factory.untaggedOk(MOVED, copyUid)));
            release();
            responder.respond(factory.taggedOk(status.getTag(), status.getCommand(), status.getTextKey()));
        } else {
            release();
            responder.respond(message);
        }
    }

    /** Sends what is held, as it came (when the command ends without a tagged OK). */
    synchronized void release() {
        held.forEach(responder::respond);
        held.clear();
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
