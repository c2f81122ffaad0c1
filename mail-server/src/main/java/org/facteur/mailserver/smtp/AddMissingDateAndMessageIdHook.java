package org.facteur.mailserver.smtp;

import java.util.Date;

import javax.mail.MessagingException;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.facteur.mailserver.mime.MessageIds;

/**
 * On the submission ports only (RFC 6409 section 8.2 and 8.3): a message the client sent without {@code Date} or
 * {@code Message-ID} gets them; present ones are never replaced. The Message-ID's right-hand side is the domain of
 * the login, a domain this server serves and that signs the message with DKIM, rather than the host name, which
 * may be {@code localhost} or an internal name that should not leak (docs/deliverability.md).
 */
public final class AddMissingDateAndMessageIdHook implements JamesMessageHook {
    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Username login = session.getUsername();
        if (login == null) {
            return HookResult.DECLINED; // RequireAuthHook refused every recipient already
        }
        try {
            MimeMessage message = mail.getMessage();
            if (message.getHeader("Date") == null) {
                message.setHeader("Date", new MailDateFormat().format(new Date()));
            }
            if (message.getHeader("Message-ID") == null) {
                String domain = login.getDomainPart().map(d -> d.asString())
                        .orElseGet(() -> session.getConfiguration().getHelloName());
                message.setHeader("Message-ID", MessageIds.create(domain));
            }
            return HookResult.DECLINED;
        } catch (MessagingException e) {
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                    .smtpDescription("4.3.0 Could not complete the message header; try again later").build();
        }
    }
}
