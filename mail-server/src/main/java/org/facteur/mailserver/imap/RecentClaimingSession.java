package org.facteur.mailserver.imap;

import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapLineHandler;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.facteur.mailserver.store.mailbox.RecentClaims;

import reactor.core.publisher.Mono;

/**
 * The IMAP session as James's SELECT and EXAMINE see it, and with it the session view (James's
 * {@code SelectedMailboxImpl}) they create: everything goes to the real session, except that the view's own event
 * handler, when it learns of a new message (or of a \Recent cleared elsewhere, IMAP-287) while the view is read-write,
 * marks it recent only when it takes its \Recent in the store ({@link RecentClaimingMailbox}). James marked it recent
 * in every session with the mailbox selected. A view that is no longer the session's selection marks nothing (James
 * marked it in the mailbox selected since).
 *
 * <p>The handler is told apart by the view's lock, which James's handler holds ({@code synchronizedEvent}) and its
 * SELECT does not: SELECT's own recent messages (cleared for this session by the SELECT, also when it reads them
 * again to find the first unseen message) reach the view as they are. James keeps one view when a SELECT follows an
 * EXAMINE of the same mailbox, or the reverse, so whether the view takes \Recent is the session's last command's
 * choice: a read-only session shows a new message as recent without taking it (RFC 3501 §6.3.2).
 *
 * <p>The session keeps the view inside a {@link KeptEventsMailbox}, so that no event is forgotten between two commands.
 */
final class RecentClaimingSession implements ImapSession {
    private static final String READ_WRITE = RecentClaimingSession.class.getName() + ".readWrite";

    private final ImapSession session;
    private final RecentClaims claims;
    private volatile SelectedMailbox selectedHere;

    private RecentClaimingSession(ImapSession session, RecentClaims claims) {
        this.session = session;
        this.claims = claims;
    }

    /** The session for a SELECT: the view takes \Recent of the messages it learns of. */
    static ImapSession selecting(ImapSession session, RecentClaims claims) {
        session.setAttribute(READ_WRITE, Boolean.TRUE);
        return new RecentClaimingSession(session, claims);
    }

    /** The session for an EXAMINE: the view shows new messages as recent and takes nothing. */
    static ImapSession examining(ImapSession session, RecentClaims claims) {
        session.setAttribute(READ_WRITE, Boolean.FALSE);
        return new RecentClaimingSession(session, claims);
    }

    /** Whether the session's selection was made by EXAMINE: it is read-only (RFC 3501 §6.3.2). */
    static boolean examined(ImapSession session) {
        return Boolean.FALSE.equals(session.getAttribute(READ_WRITE));
    }

    /** The session's mark (read-write or read-only) before a SELECT or EXAMINE, for {@link #restore}. */
    static Object mark(ImapSession session) {
        return session.getAttribute(READ_WRITE);
    }

    /** Puts back the mark a SELECT or EXAMINE answered BAD replaced: the selection it kept is unchanged. */
    static void restore(ImapSession session, Object mark) {
        session.setAttribute(READ_WRITE, mark);
    }

    @Override
    public Mono<Void> selected(SelectedMailbox mailbox) {
        selectedHere = mailbox;
        return session.selected(new KeptEventsMailbox(mailbox));
    }

    @Override
    public SelectedMailbox getSelected() {
        SelectedMailbox current = session.getSelected();
        SelectedMailbox mine = selectedHere;
        if (mine == null || current == null || !Thread.holdsLock(mine)) {
            return current; // James's SELECT or EXAMINE, not the view's event handler
        }
        if (KeptEventsMailbox.unwrapped(current) != mine) {
            return null;
        }
        return Boolean.TRUE.equals(session.getAttribute(READ_WRITE)) ? new RecentClaimingMailbox(current, claims) : current;
    }

    @Override
    public SessionId sessionId() {
        return session.sessionId();
    }

    @Override
    public void executeSafely(Runnable runnable) {
        session.executeSafely(runnable);
    }

    @Override
    public Mono<Void> logout() {
        return session.logout();
    }

    @Override
    public ImapSessionState getState() {
        return session.getState();
    }

    @Override
    public void authenticated() {
        session.authenticated();
    }

    @Override
    public Mono<Void> deselect() {
        return session.deselect();
    }

    @Override
    public Object getAttribute(String key) {
        return session.getAttribute(key);
    }

    @Override
    public void setAttribute(String key, Object value) {
        session.setAttribute(key, value);
    }

    @Override
    public boolean startTLS(Runnable runnable) {
        return session.startTLS(runnable);
    }

    @Override
    public boolean isTLSActive() {
        return session.isTLSActive();
    }

    @Override
    public boolean supportStartTLS() {
        return session.supportStartTLS();
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return session.getSSLSession();
    }

    @Override
    public boolean isCompressionActive() {
        return session.isCompressionActive();
    }

    @Override
    public boolean isCompressionSupported() {
        return session.isCompressionSupported();
    }

    @Override
    public boolean startCompression(Runnable runnable) {
        return session.startCompression(runnable);
    }

    @Override
    public void pushLineHandler(ImapLineHandler lineHandler) {
        session.pushLineHandler(lineHandler);
    }

    @Override
    public void popLineHandler() {
        session.popLineHandler();
    }

    @Override
    public boolean supportMultipleNamespaces() {
        return session.supportMultipleNamespaces();
    }

    @Override
    public boolean isSSLRequired() {
        return session.isSSLRequired();
    }

    @Override
    public boolean isPlainAuthEnabled() {
        return session.isPlainAuthEnabled();
    }

    @Override
    public boolean supportsOAuth() {
        return session.supportsOAuth();
    }

    @Override
    public Optional<OidcSASLConfiguration> oidcSaslConfiguration() {
        return session.oidcSaslConfiguration();
    }

    @Override
    public void setMailboxSession(MailboxSession mailboxSession) {
        session.setMailboxSession(mailboxSession);
    }

    @Override
    public MailboxSession getMailboxSession() {
        return session.getMailboxSession();
    }

    @Override
    public Username getUserName() {
        return session.getUserName();
    }

    @Override
    public boolean isPlainAuthDisallowed() {
        return session.isPlainAuthDisallowed();
    }

    @Override
    public boolean isAuthenticatingNonEncryptedWhenRequiredSSL() {
        return session.isAuthenticatingNonEncryptedWhenRequiredSSL();
    }

    @Override
    public void schedule(Runnable runnable, Duration waitDelay) {
        session.schedule(runnable, waitDelay);
    }

    @Override
    public boolean needsCommandInjectionDetection() {
        return session.needsCommandInjectionDetection();
    }

    @Override
    public void startDetectingCommandInjection() {
        session.startDetectingCommandInjection();
    }

    @Override
    public void stopDetectingCommandInjection() {
        session.stopDetectingCommandInjection();
    }
}
