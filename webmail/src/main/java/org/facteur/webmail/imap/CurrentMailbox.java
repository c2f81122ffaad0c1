package org.facteur.webmail.imap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers the {@link MailboxSession} of the logged-in member as a method parameter, open on this node
 * (with shared sessions, {@link LiveMailboxes} gives a copy read from the shared store this node's IMAP store). A
 * session that is authenticated but has no mailbox that can be opened here (restored after a restart, or a shared
 * session whose browser lost its key) is ended: the member logs in again.
 */
public final class CurrentMailbox implements HandlerMethodArgumentResolver {
    private final LiveMailboxes live;

    /** With sessions in this process's memory. */
    public CurrentMailbox() {
        this(null);
    }

    /** With sessions in a shared store when {@code live} is not null. */
    public CurrentMailbox(LiveMailboxes live) {
        this.live = live;
    }

    /** Thrown when the HTTP session holds no open mailbox; answered with a redirect to the login page. */
    public static final class MissingMailboxException extends RuntimeException {
        MissingMailboxException() {
            super("no mailbox in this session", null, false, false);
        }
    }

    public static void bind(HttpSession session, MailboxSession mailbox) {
        session.setAttribute(MailboxSession.ATTRIBUTE, mailbox);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == MailboxSession.class;
    }

    @Override
    public MailboxSession resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        HttpSession session = request == null ? null : request.getSession(false);
        Object mailbox = session == null ? null : session.getAttribute(MailboxSession.ATTRIBUTE);
        if (mailbox instanceof MailboxSession m && (m.isOpenHere() || live != null && live.attach(m, request))) {
            return m;
        }
        if (session != null) {
            session.invalidate();
        }
        throw new MissingMailboxException();
    }
}
