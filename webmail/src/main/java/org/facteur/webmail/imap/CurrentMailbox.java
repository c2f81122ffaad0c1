package org.facteur.webmail.imap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers the {@link MailboxSession} of the logged-in member as a method parameter. A session
 * that is authenticated but has no mailbox (e.g. restored after a restart) is ended: the member logs in
 * again.
 */
public final class CurrentMailbox implements HandlerMethodArgumentResolver {

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
        if (mailbox instanceof MailboxSession m) {
            return m;
        }
        if (session != null) {
            session.invalidate();
        }
        throw new MissingMailboxException();
    }
}
