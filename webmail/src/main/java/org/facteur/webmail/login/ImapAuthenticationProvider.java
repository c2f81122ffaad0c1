package org.facteur.webmail.login;

import java.util.List;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.servlet.http.HttpServletRequest;

import org.facteur.webmail.imap.CurrentMailbox;
import org.facteur.webmail.imap.LiveMailboxes;
import org.facteur.webmail.imap.MailConnector;
import org.facteur.webmail.imap.MailboxSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks the address and password by logging in to IMAP, as any mail client does: the mail server stays
 * the only place that knows passwords, and the one place that throttles password guessing: the webmail
 * passes the browser's address along and shows the server's "try again later". The store it opens
 * becomes the session's {@link MailboxSession}.
 */
@Component
class ImapAuthenticationProvider implements AuthenticationProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ImapAuthenticationProvider.class);
    static final List<SimpleGrantedAuthority> MEMBER = List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));

    private final MailConnector connector;
    private final LiveMailboxes live;

    ImapAuthenticationProvider(MailConnector connector, ObjectProvider<LiveMailboxes> live) {
        this.connector = connector;
        this.live = live.getIfAvailable();
    }

    /**
     * The mail server refused to check the password: too many failed logins for this address from this
     * client, or from this client at all (the server's policy, shared with SMTP and IMAP clients).
     */
    static final class ThrottledException extends AuthenticationException {
        ThrottledException() {
            super("too many failed logins");
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String address = String.valueOf(authentication.getName()).strip().toLowerCase(java.util.Locale.ROOT);
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (address.isEmpty() || password.isEmpty() || address.length() > 320) {
            throw new BadCredentialsException("empty address or password");
        }
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        // The browser's address (behind a trusted proxy: from X-Forwarded-For, see TrustedProxyValve).
        String ip = request.getRemoteAddr();
        Store store;
        try {
            store = connector.connect(address, password, ip);
        } catch (AuthenticationFailedException e) {
            if (MailConnector.throttled(e)) {
                LOG.info("webmail login throttled by the mail server for {} from {}", address, ip);
                throw new ThrottledException();
            }
            LOG.info("webmail login refused for {} from {}", address, ip);
            throw new BadCredentialsException("refused by IMAP");
        } catch (MessagingException e) {
            LOG.warn("webmail login: mail server unreachable: {}", e.getMessage());
            throw new AuthenticationServiceException("mail server unreachable");
        }
        if (live != null && request.getSession(false) != null
                && request.getSession(false).getAttribute(MailboxSession.ATTRIBUTE) instanceof MailboxSession previous) {
            live.forget(previous);   // a new login in the same browser session: the previous mailbox closes here now
        }
        MailboxSession mailbox = live == null ? new MailboxSession(address, password.toCharArray(), store, connector)
                : live.loggedIn(address, password.toCharArray(), store, request, attributes.getResponse());
        CurrentMailbox.bind(request.getSession(true), mailbox);
        return UsernamePasswordAuthenticationToken.authenticated(address, null, MEMBER);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
