package org.facteur.mailserver.metrics;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.SMTPConstants;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what each SMTP listener decided, from the result of every hook James runs: messages accepted (queued),
 * refused (5xx) or deferred (4xx) at the end of DATA with the hook that decided as the reason, and refusals at
 * earlier stages (HELO, MAIL, RCPT, AUTH). It never changes a result. Refusals James makes without a hook (such as
 * a message over the size limit during DATA) are not seen here.
 */
public final class SmtpOutcomeMetrics implements HookResultHook {
    static final String MESSAGES = "facteur.smtp.messages";
    static final String REFUSALS = "facteur.smtp.refusals";

    private final MeterRegistry registry;
    private String listener = "smtp";

    @Inject
    public SmtpOutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(Configuration config) {
        listener = config.getString("listener", "smtp");
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        // James attaches the received mail to the transaction at the end of DATA, just before the message hooks run
        boolean inData = session.getAttachment(SMTPConstants.MAIL, SMTPSession.State.Transaction).isPresent();
        if (inData) {
            switch (action) {
                case OK -> messages("accepted", "none").increment();
                case DENY -> messages("refused", reason(hook)).increment();
                case DENYSOFT -> messages("deferred", reason(hook)).increment();
                default -> { }
            }
        } else if (action == HookReturnCode.Action.DENY || action == HookReturnCode.Action.DENYSOFT) {
            Counter.builder(REFUSALS).description("SMTP commands refused before DATA, by stage and by the hook that refused")
                    .tag("listener", listener).tag("stage", stage(hook, session)).tag("reason", reason(hook))
                    .tag("temporary", String.valueOf(action == HookReturnCode.Action.DENYSOFT))
                    .register(registry).increment();
        }
        return result;
    }

    private Counter messages(String result, String reason) {
        return Counter.builder(MESSAGES).description("Messages at the end of SMTP DATA: accepted, refused or deferred, and why")
                .tag("listener", listener).tag("result", result).tag("reason", reason)
                .register(registry);
    }

    /**
     * The command the hook answered. A hook that checks both MAIL and RCPT (the envelope sender's ownership) answers
     * RCPT once James has taken the recipient under examination, which it does before it runs the RCPT hooks.
     */
    static String stage(Hook hook, SMTPSession session) {
        if (hook instanceof RcptHook && hook instanceof MailHook) {
            return session.getAttachment(RcptCmdHandler.CURRENT_RECIPIENT, SMTPSession.State.Transaction).isPresent()
                    ? "rcpt" : "mail";
        }
        if (hook instanceof RcptHook) {
            return "rcpt";
        }
        if (hook instanceof MailHook) {
            return "mail";
        }
        if (hook instanceof HeloHook) {
            return "helo";
        }
        if (hook instanceof AuthHook) {
            return "auth";
        }
        return "other";
    }

    /** The refusing hook's simple class name: a small, fixed set of values (one per hook in the handler chains). */
    static String reason(Hook hook) {
        return hook.getClass().getSimpleName();
    }
}
