package org.facteur.mailserver.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.facteur.lists.ListService;
import org.facteur.lists.ListTarget;
import org.facteur.lists.model.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the submission ports, every address of the header From (and Sender, when present) must belong to the login:
 * its own address, an alias that delivers to it (the recipient rewrite table), or a list it owns. James only checks
 * the envelope sender ({@code verifyIdentity}); people read the header. Refused at the end of DATA with
 * {@code 550 5.7.1} and a sentence naming the address.
 */
public final class HeaderFromOwnershipHook implements JamesMessageHook {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderFromOwnershipHook.class);
    private static final List<String> FIELDS = List.of("From", "Sender");

    private final RecipientRewriteTable rewrites;
    private final ListService lists;

    @Inject
    public HeaderFromOwnershipHook(RecipientRewriteTable rewrites, ListService lists) {
        this.rewrites = rewrites;
        this.lists = lists;
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
                if (!owns(own, address)) {
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

    private boolean owns(String own, String address) {
        return address.equals(own) || isAliasOf(own, address) || ownsList(own, address);
    }

    private boolean isAliasOf(String own, String address) {
        try {
            MailAddress alias = new MailAddress(address);
            return rewrites.getResolvedMappings(alias.getLocalPart(), alias.getDomain()).asStream()
                    .map(Mapping::asMailAddress).flatMap(Optional::stream)
                    .anyMatch(target -> target.asString().equalsIgnoreCase(own));
        } catch (Exception e) {
            // not an address James can resolve, or not an alias: not owned this way
            return false;
        }
    }

    private boolean ownsList(String own, String address) {
        return lists.resolve(address).flatMap(ListTarget::list)
                .flatMap(list -> lists.admin().member(list.address(), own))
                .map(member -> member.has(Role.OWNER))
                .orElse(false);
    }

    private static HookResult deny(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
