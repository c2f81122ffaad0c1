package org.facteur.mailserver.smtp;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;

/**
 * James's core SMTP handlers as the MX listener has them ({@link MxHandlers}), with {@link RequireTlsForAuthHook}
 * placed before the password check (hooks answer in load order and the first answer wins), AUTH throttled
 * ({@link ThrottledAuthCmdHandler}), and without James's envelope sender check: {@link EnvelopeSenderOwnershipHook}
 * takes its place, declared in the handler chain (smtpserver.xml) before the limits and the hooks that accept a
 * recipient, which James's core hooks come after.
 */
public final class SubmissionHandlers implements HandlersPackage {
    private final List<String> handlers;

    public SubmissionHandlers() {
        List<String> core = new ArrayList<>(new MxHandlers().getHandlers());
        int auth = core.indexOf(UsersRepositoryAuthHook.class.getName());
        if (auth < 0) {
            throw new IllegalStateException("James's core handlers no longer contain UsersRepositoryAuthHook");
        }
        core.add(auth, RequireTlsForAuthHook.class.getName());
        core.set(core.indexOf(AuthCmdHandler.class.getName()), ThrottledAuthCmdHandler.class.getName());
        if (!core.remove(SenderAuthIdentifyVerificationHook.class.getName())) {
            throw new IllegalStateException("James's core handlers no longer contain SenderAuthIdentifyVerificationHook");
        }
        this.handlers = List.copyOf(core);
    }

    @Override
    public List<String> getHandlers() {
        return handlers;
    }
}
