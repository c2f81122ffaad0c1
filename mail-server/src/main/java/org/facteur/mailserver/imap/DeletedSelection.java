package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.LogoutRequest;
import org.apache.james.imap.message.request.UnselectRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;

import reactor.core.publisher.Mono;

/**
 * A session whose selected mailbox another session deleted gets {@code * BYE Selected mailbox has been deleted} at its
 * next command and is closed, as James's own IMAP harness answers and as Dovecot does ({@code * BYE IMAP session state
 * is inconsistent, please relogin.}); the client logs in again and finds the mailbox gone. James 3.8.1 over netty
 * never looked at the mark its selected mailbox sets on that event: NOOP answered OK, FETCH {@code NO … Search
 * failed}, STORE {@code NO … Save failed}, EXPUNGE {@code NO … processing failed}, each with an ERROR and a stack
 * trace in the server's log. A command that leaves the mailbox (SELECT or EXAMINE of another, UNSELECT, LOGOUT) is
 * run as usual.
 */
final class DeletedSelection {
    private static final HumanReadableText DELETED = new HumanReadableText("org.facteur.imap.SELECTED_DELETED",
            "Selected mailbox has been deleted");
    private static final UnpooledStatusResponseFactory RESPONSES = new UnpooledStatusResponseFactory();

    private DeletedSelection() {
    }

    /** Whether {@code message} finds its session's selected mailbox deleted by another session and does not leave it. */
    static boolean applies(ImapMessage message, ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return selected != null && selected.isDeletedByOtherSession()
                && !(message instanceof AbstractMailboxSelectionRequest || message instanceof UnselectRequest
                || message instanceof LogoutRequest);
    }

    /** Says BYE and logs the session out; James's channel handler then closes the connection. */
    static Mono<Void> bye(Responder responder, ImapSession session) {
        responder.respond(RESPONSES.bye(DELETED));
        responder.flush();
        return session.logout();
    }
}
