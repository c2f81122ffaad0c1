package org.facteur.mailserver.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the submission ports, every address of the header From (and Sender, when present) must belong to the login
 * ({@link SenderOwnership}): {@link EnvelopeSenderOwnershipHook} checks the envelope sender; people read the header.
 * Refused at the end of DATA with {@code 550 5.7.1} and a sentence naming the address.
 */
public final class HeaderFromOwnershipHook implements JamesMessageHook {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderFromOwnershipHook.class);
    private static final List<String> FIELDS = List.of("From", "Sender");

    private final SenderOwnership ownership;

    @Inject
    public HeaderFromOwnershipHook(SenderOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Username login = session.getUsername();
        if (login == null) {
            return HookResult.DECLINED;
        }
        String own = login.asString().toLowerCase(Locale.ROOT);
        MimeMessage message;
        try {
            message = mail.getMessage();
        } catch (MessagingException e) {
            LOG.warn("Could not read the header of a message from {}: {}", own, e.getMessage());
            return deny(HookReturnCode.denySoft(), SMTPRetCode.LOCAL_ERROR, "4.3.0 Could not read the message header; try again later");
        }
        for (String field : FIELDS) {
            List<String> addresses;
            try {
                addresses = addresses(message.getHeader(field, ","));
            } catch (MessagingException e) {
                return deny(HookReturnCode.deny(), SMTPRetCode.MAILBOX_PERM_UNAVAILABLE, "5.7.1 The " + field
                        + " field cannot be read as a list of addresses; write it as Name <address>");
            }
            for (String address : addresses) {
                if (!ownership.owns(own, address)) {
                    return deny(HookReturnCode.deny(), SMTPRetCode.MAILBOX_PERM_UNAVAILABLE, "5.7.1 You are logged in as "
                            + own + " and may not send as " + address + " (" + field + " field): use your own address,"
                            + " one of your aliases or a list you own");
                }
            }
        }
        return HookResult.DECLINED;
    }

    /** The addresses of a header value, group members included; none when the field is absent. */
    private static List<String> addresses(String value) throws AddressException {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (InternetAddress address : InternetAddress.parseHeader(value, true)) {
            if (address.isGroup()) {
                for (InternetAddress member : address.getGroup(true)) {
                    out.add(member.getAddress().toLowerCase(Locale.ROOT));
                }
            } else {
                out.add(address.getAddress().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static HookResult deny(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
