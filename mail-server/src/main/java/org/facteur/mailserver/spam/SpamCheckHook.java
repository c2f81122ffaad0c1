package org.facteur.mailserver.spam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.facteur.mailserver.mime.HeaderRewrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of DATA on the MX port, after the SPF/DKIM/DMARC checks (whose Authentication-Results Rspamd then sees):
 * the message goes to Rspamd and its action is applied. {@code reject}: 550 5.7.1; {@code soft reject} and
 * {@code greylist}: 451 4.7.1; {@code add header} and {@code rewrite subject}: accepted into Junk; otherwise INBOX.
 * Every accepted message gets {@code X-Spam-Status} and {@code X-Spam-Score} (those that came with it are removed
 * first: a sender must not say it is not spam). Logged-in clients are not checked. When Rspamd cannot be reached the
 * mail is accepted unchecked, with a warning in the log (as Postfix's {@code milter_default_action = accept} does with
 * Rspamd): an outage of the filter must not refuse or lose mail.
 */
public final class SpamCheckHook implements JamesMessageHook {
    /** Set on mail Rspamd files as spam; {@code FileInJunk} reads it. */
    public static final AttributeName SPAM = AttributeName.of("facteur.spam");
    private static final Logger LOG = LoggerFactory.getLogger(SpamCheckHook.class);
    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private final SpamChecking checking;

    @Inject
    public SpamCheckHook(SpamChecking checking) {
        this.checking = checking;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (checking.rspamd().isEmpty() || session.getUsername() != null) {
            return HookResult.DECLINED;
        }
        try {
            byte[] raw = HeaderRewrite.rewrite(bytes(mail.getMessage()), "", SpamCheckHook::isSpamField);
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
            Optional<String> mailFrom = mail.getMaybeSender().asOptional().map(MailAddress::asString);
            List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
            RspamdVerdict verdict;
            try {
                verdict = checking.rspamd().get().check(raw, new Rspamd.Envelope(
                        session.getRemoteAddress().getAddress().getHostAddress(), helo, mailFrom, recipients, mail.getName()));
            } catch (IOException e) {
                LOG.warn("Rspamd could not check {}; accepted unchecked: {}", mail.getName(), e.getMessage());
                mail.setMessage(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
                return HookResult.DECLINED;
            }
            LOG.info("Rspamd: {} from {} scored {} of {}: {} {}", mail.getName(), session.getRemoteAddress().getAddress().getHostAddress(),
                    verdict.score(), verdict.required(), verdict.action(), verdict.symbols());
            switch (verdict.action()) {
                case REJECT -> {
                    return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                            .smtpDescription("5.7.1 This message was refused as spam" + reason(verdict)).build();
                }
                case SOFT_REJECT -> {
                    return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                            .smtpDescription("4.7.1 This message looks suspicious; please try again later" + reason(verdict)).build();
                }
                case JUNK -> mail.setAttribute(new Attribute(SPAM, AttributeValue.of(true)));
                case NO_ACTION -> { }
            }
            String fields = "X-Spam-Status: " + verdict.status() + "\r\n"
                    + "X-Spam-Score: " + String.format(Locale.ROOT, "%.2f", verdict.score()) + "\r\n";
            mail.setMessage(new MimeMessage(SESSION, new ByteArrayInputStream(HeaderRewrite.rewrite(raw, fields, f -> false))));
            return HookResult.DECLINED;
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.warn("Could not prepare {} for Rspamd; accepted unchecked: {}", mail.getName(), e.toString());
            return HookResult.DECLINED;
        }
    }

    /** The spam verdict fields a sender may have written to pass for checked mail. */
    static boolean isSpamField(String field) {
        return HeaderRewrite.named(field, "X-Spam-Status") || HeaderRewrite.named(field, "X-Spam-Score")
                || HeaderRewrite.named(field, "X-Spam-Flag") || HeaderRewrite.named(field, "X-Spam");
    }

    private static String reason(RspamdVerdict verdict) {
        String said = verdict.smtpMessage().replaceAll("[\\r\\n]+", " ").strip();
        return " (" + (said.isEmpty() ? "" : said + ", ") + String.format(Locale.ROOT, "score %.1f of %.1f)",
                verdict.score(), verdict.required());
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
