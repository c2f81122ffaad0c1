package org.facteur.mailserver.metrics;

import java.util.Optional;

import javax.mail.MessagingException;
import javax.net.ssl.SSLSession;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.SMTPConstants;
import org.apache.mailet.Mail;
import org.facteur.mailserver.login.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per SMTP transaction that reached the end of DATA (logger {@code facteur.smtp.transactions}): the
 * listener, the outcome, the queue id, the envelope, the size, the client, its HELO name, the TLS version and the
 * login, and for a refusal the check that refused. With {@code FACTEUR_LOG_FORMAT=json} each value is also a field
 * of the JSON line. Never the message body, never a password.
 */
public final class SmtpTransactionLog implements HookResultHook {
    private static final Logger LOG = LoggerFactory.getLogger("facteur.smtp.transactions");

    private String listener = "smtp";

    @Override
    public void init(Configuration config) {
        listener = config.getString("listener", "smtp");
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        Optional<Mail> received = session.getAttachment(SMTPConstants.MAIL, SMTPSession.State.Transaction);
        if (received.isEmpty() || !(action == HookReturnCode.Action.OK || action == HookReturnCode.Action.DENY
                || action == HookReturnCode.Action.DENYSOFT)) {
            return result;
        }
        Mail mail = received.get();
        String outcome = switch (action) {
            case OK -> "accepted";
            case DENY -> "refused";
            default -> "deferred";
        };
        String reason = action == HookReturnCode.Action.OK ? "-" : SmtpOutcomeMetrics.reason(hook);
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        String helo = LoginThrottle.printable(session.getAttachment(SMTPSession.CURRENT_HELO_NAME, SMTPSession.State.Connection)
                .orElse("-"));
        String tls = session.getSSLSession().map(SSLSession::getProtocol).orElse("none");
        String login = Optional.ofNullable(session.getUsername()).map(Username::asString).orElse("-");
        String from = mail.getMaybeSender().asString();
        int recipients = mail.getRecipients().size();
        long size = size(mail);
        LOG.atInfo()
                .addKeyValue("smtp.listener", listener).addKeyValue("smtp.outcome", outcome)
                .addKeyValue("smtp.queue_id", mail.getName()).addKeyValue("smtp.from", from)
                .addKeyValue("smtp.recipients", recipients).addKeyValue("smtp.size", size)
                .addKeyValue("client.ip", client).addKeyValue("smtp.helo", helo).addKeyValue("tls.version", tls)
                .addKeyValue("smtp.login", login).addKeyValue("smtp.reason", reason)
                .log("{} {} id={} from=<{}> to={} ({} recipients) size={} client={} helo={} tls={} login={} reason={}",
                        listener, outcome, mail.getName(), LoginThrottle.printable(from),
                        LoginThrottle.printable(mail.getRecipients().toString()), recipients, size, client, helo, tls,
                        LoginThrottle.printable(login), reason);
        return result;
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return -1;
        }
    }
}
