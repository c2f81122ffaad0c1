package org.facteur.mailserver.smtp;

import java.time.Duration;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.facteur.mailserver.login.AttemptCounters;
import org.facteur.mailserver.login.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubmissionLimits} on the submission ports, on the login counters (in memory, or shared by the nodes in
 * Redis). Each MAIL FROM of a logged-in sender counts one message in a fixed one-hour window; past the limit MAIL
 * gets {@code 451 4.7.1} and a sentence, so the client keeps the message and tries later. A recipient past the limit
 * per message gets {@code 452 4.5.3}, so the client sends to the others in another message (RFC 5321 4.5.3.1.10).
 * Senders who did not log in are left to {@code RequireAuthHook}.
 */
public final class SubmissionLimitHook implements MailHook, RcptHook {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionLimitHook.class);
    static final Duration WINDOW = Duration.ofHours(1);

    private final AttemptCounters counters;
    private SubmissionLimits limits = SubmissionLimits.DEFAULTS;

    @Inject
    public SubmissionLimitHook(AttemptCounters counters) {
        this.counters = counters;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            limits = new SubmissionLimits(config.getInt("messagesPerHour", limits.messagesPerHour()),
                    config.getInt("recipientsPerMessage", limits.recipientsPerMessage()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Username login = session.getUsername();
        if (login == null) {
            return HookResult.DECLINED;
        }
        long sent = counters.add("submit:messages:" + login.asString().toLowerCase(Locale.ROOT), 1, WINDOW);
        if (sent <= limits.messagesPerHour()) {
            return HookResult.DECLINED;
        }
        if (sent == limits.messagesPerHour() + 1) {
            LOG.info("Submission limit reached: {} sent {} messages within an hour", LoginThrottle.printable(login.asString()),
                    limits.messagesPerHour());
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                .smtpDescription("4.7.1 You have sent " + limits.messagesPerHour()
                        + " messages within the last hour, the most this server accepts from one sender: try again later")
                .build();
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.getUsername() == null || session.getRcptCount() < limits.recipientsPerMessage()) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.SYSTEM_STORAGE_ERROR)
                .smtpDescription("4.5.3 Too many recipients: one message from a mail client may have " + limits.recipientsPerMessage()
                        + "; send to the others in another message, or use a mailing list")
                .build();
    }
}
