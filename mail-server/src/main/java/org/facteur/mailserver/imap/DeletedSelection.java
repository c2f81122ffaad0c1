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
 * run as usual (SELECT of the deleted mailbox itself gets James's NO, and the command after it the BYE). A session in
 * IDLE gets the BYE as soon as the deletion's event comes, and the connection is closed (Dovecot 2.3 says BYE there
 * too, within a second). A deletion whose event comes while another command of the session runs is caught at the
 * command after it: James's view forgot the mark with that command's other updates, the session's
 * {@link KeptEventsMailbox} keeps it.
 */
final class DeletedSelection {
    private static final HumanReadableText DELETED = new HumanReadableText("org.facteur.imap.SELECTED_DELETED",
            "Selected mailbox has been deleted");
    private static final UnpooledStatusResponseFactory RESPONSES = new UnpooledStatusResponseFactory();
    private static final String DELETED_MAILBOX = DeletedSelection.class.getName() + ".deletedMailbox";

    private DeletedSelection() {
    }

    /** Whether {@code message} finds its session's selected mailbox deleted by another session and does not leave it. */
    static boolean applies(ImapMessage message, ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return selected != null && (selected.isDeletedByOtherSession() || remembered(session, selected))
                && !(message instanceof AbstractMailboxSelectionRequest || message instanceof UnselectRequest
                || message instanceof LogoutRequest);
    }

    /**
     * Keeps the view's mark of a deletion by another session in the session, before the view forgets it: James's
     * view clears the mark with the other updates it passes on ({@code resetEvents}), which IDLE does on every event.
     */
    static void remember(ImapSession session, SelectedMailbox selected) {
        if (selected.isDeletedByOtherSession()) {
            session.setAttribute(DELETED_MAILBOX, selected.getMailboxId());
        }
    }

    private static boolean remembered(ImapSession session, SelectedMailbox selected) {
        Object deleted = session.getAttribute(DELETED_MAILBOX);
        return deleted != null && deleted.equals(selected.getMailboxId());
    }

    /**
     * During IDLE, when the event just handled was the deletion of the selected mailbox by another session: says BYE,
     * logs the session out and closes the connection, which James does only after a command.
     */
    static Mono<Void> byeDuringIdle(ImapSession session, Responder responder) {
        return Mono.defer(() -> {
            SelectedMailbox selected = session.getSelected();
            if (selected == null || !(selected.isDeletedByOtherSession() || remembered(session, selected))) {
                return Mono.empty();
            }
            return bye(responder, session).then(Mono.fromRunnable(() -> CommandSequencer.closeConnection(session, "")));
        });
    }

    /**
     * Says BYE, once (IDLE's may have come first), and logs the session out; James's channel handler then closes the
     * connection.
     */
    static Mono<Void> bye(Responder responder, ImapSession session) {
        return Mono.defer(() -> {
            if (CommandSequencer.firstBye(session)) {
                responder.respond(RESPONSES.bye(DELETED));
                responder.flush();
            }
            return session.logout();
        });
    }
}
