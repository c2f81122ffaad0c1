package org.facteur.mailserver.smtp;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.apache.james.smtpserver.JamesMailCmdHandler;

/**
 * James's core SMTP handlers for the MX listener, with {@link DeclaredSizeExtension} in place of James's SIZE and
 * {@link TransactionKeepingMailCmdHandler} in place of James's MAIL; the submission listeners start from these too
 * ({@link SubmissionHandlers}).
 */
public final class MxHandlers implements HandlersPackage {
    private final List<String> handlers;

    public MxHandlers() {
        List<String> core = new ArrayList<>(new CoreCmdHandlerLoader().getHandlers());
        replace(core, MailSizeEsmtpExtension.class, DeclaredSizeExtension.class);
        replace(core, JamesMailCmdHandler.class, TransactionKeepingMailCmdHandler.class);
        this.handlers = List.copyOf(core);
    }

    @Override
    public List<String> getHandlers() {
        return handlers;
    }

    private static void replace(List<String> handlers, Class<?> james, Class<?> facteur) {
        int at = handlers.indexOf(james.getName());
        if (at < 0) {
            throw new IllegalStateException("James's core SMTP handlers no longer contain " + james.getSimpleName());
        }
        handlers.set(at, facteur.getName());
    }
}
