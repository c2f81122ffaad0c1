package org.facteur.mailserver.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of DATA on the MX port: SPF, DKIM and DMARC ({@link InboundAuthenticator}), one Authentication-Results
 * field on top of the message (those claiming this server's name removed), then {@code 550 5.7.1} for a DMARC
 * {@code p=reject} failure, {@code 451 4.7.1} when a temporary DNS failure decides, and a mail attribute that files a
 * {@code p=quarantine} failure in Junk ({@link FileInJunk}). Logged-in clients and the exempt networks are not checked.
 */
public final class InboundAuthHook implements JamesMessageHook {
    /** Set on mail that DMARC says to quarantine; {@link FileInJunk} reads it. */
    public static final AttributeName QUARANTINE = AttributeName.of("facteur.dmarc-quarantine");
    private static final Logger LOG = LoggerFactory.getLogger(InboundAuthHook.class);
    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private final InboundChecking checking;

    @Inject
    public InboundAuthHook(InboundChecking checking) {
        this.checking = checking;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        InetAddress client = session.getRemoteAddress().getAddress();
        if (!checking.enabled() || session.getUsername() != null || checking.exempt().contains(client)) {
            return HookResult.DECLINED;
        }
        try {
            MimeMessage message = mail.getMessage();
            byte[] raw = bytes(message);
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
            Optional<String> mailFrom = mail.getMaybeSender().asOptional().map(a -> a.asString());
            InboundAuthenticator.Verdict verdict = checking.authenticator()
                    .check(client.getHostAddress(), helo, mailFrom, authorDomains(message), raw);
            switch (verdict.action()) {
                case REJECT -> {
                    LOG.info("Refused {} from {}: DMARC reject ({})", mail.getName(), client.getHostAddress(), oneLine(verdict.field()));
                    return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                            .smtpDescription(verdict.reason()).build();
                }
                case DEFER -> {
                    LOG.info("Deferred {} from {}: {}", mail.getName(), client.getHostAddress(), oneLine(verdict.field()));
                    return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                            .smtpDescription(verdict.reason()).build();
                }
                case QUARANTINE -> mail.setAttribute(new Attribute(QUARANTINE, AttributeValue.of(true)));
                case DELIVER -> { }
            }
            byte[] rewritten = AuthenticationResults.rewrite(raw, verdict.field(), checking.authenticator().authservId());
            mail.setMessage(new MimeMessage(SESSION, new ByteArrayInputStream(rewritten)));
            return HookResult.DECLINED;
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.warn("Could not check SPF/DKIM/DMARC of {}: {}", mail.getName(), e.toString());
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
                    .smtpDescription("4.7.1 The message could not be checked; please try again later").build();
        }
    }

    /** The domains of the header From's addresses (RFC 5322 allows one From field; every one present counts). */
    static List<String> authorDomains(MimeMessage message) throws MessagingException {
        List<String> domains = new ArrayList<>();
        String[] fields = message.getHeader("From");
        if (fields == null) {
            return domains;
        }
        for (String field : fields) {
            try {
                for (InternetAddress a : InternetAddress.parseHeader(field, false)) {
                    String address = a.getAddress();
                    if (address != null && address.lastIndexOf('@') > 0) {
                        domains.add(address.substring(address.lastIndexOf('@') + 1));
                    }
                }
            } catch (AddressException e) {
                // an unreadable From: its domain, if one can be seen, still counts
                String f = field.replaceAll("[\\s<>\"]", "");
                if (f.lastIndexOf('@') >= 0 && f.lastIndexOf('@') < f.length() - 1) {
                    domains.add(f.substring(f.lastIndexOf('@') + 1));
                }
            }
        }
        return domains;
    }

    private static String oneLine(String field) {
        return field.replaceAll("\\s*\\r\\n\\s*", " ").strip();
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
