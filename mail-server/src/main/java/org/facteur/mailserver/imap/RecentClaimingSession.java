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
 * The IMAP session as James's SELECT sees it, and with it the session view (James's {@code SelectedMailboxImpl}) that
 * SELECT creates: everything goes to the real session, except that the view, when it learns of a new message (or of a
 * \Recent cleared elsewhere, IMAP-287), marks it recent only when it takes its \Recent in the store
 * ({@link RecentClaimingMailbox}). James marked it recent in every session with the mailbox selected. A view that is
 * no longer the session's selection marks nothing (James marked it in the mailbox selected since).
 */
final class RecentClaimingSession implements ImapSession {
    private final ImapSession session;
    private final RecentClaims claims;
    private volatile SelectedMailbox selectedHere;

    RecentClaimingSession(ImapSession session, RecentClaims claims) {
        this.session = session;
        this.claims = claims;
    }

    @Override
    public Mono<Void> selected(SelectedMailbox mailbox) {
        selectedHere = mailbox;
        return session.selected(mailbox);
    }

    @Override
    public SelectedMailbox getSelected() {
        SelectedMailbox current = session.getSelected();
        SelectedMailbox mine = selectedHere;
        if (mine == null || current == null) {
            return current; // before SELECT chose its view, James reads the previous selection
        }
        return current == mine ? new RecentClaimingMailbox(current, claims) : null;
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
