package org.facteur.mailserver.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.ExtendedSMTPSession;
import org.facteur.mailserver.login.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the submission ports a logged-in client's envelope sender (MAIL FROM) must be an address the login owns
 * ({@link SenderOwnership}, the rule the header From follows too). In place of James's
 * {@code SenderAuthIdentifyVerificationHook}, which accepted only James's own alias mappings (not the aliases
 * {@code facteur admin alias add} makes) and no list the login owns, and answered {@code 503} ("bad sequence of
 * commands", which it is not) with "Incorrect Authentication for Specified Email Address": refused here with
 * {@code 553 5.7.1}, as Postfix's {@code reject_sender_login_mismatch} does, and a sentence naming the login and the
 * address. Checked again at RCPT, as James does, for a sender given before the login; declared in the handler chain
 * before the hooks that accept a recipient (lists, postmaster) and before the submission limits. The empty sender
 * {@code <>} is let through: read receipts must use it (RFC 8098 §2.1), and the header From is still checked
 * ({@link HeaderFromOwnershipHook}). Listeners with {@code verifyIdentity} off are not checked.
 */
public final class EnvelopeSenderOwnershipHook implements MailHook, RcptHook {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeSenderOwnershipHook.class);
    /** At most this much of a refused address goes back in the reply, which RFC 5321 keeps within 512 octets. */
    private static final int MAX_SHOWN = 100;

    private final SenderOwnership ownership;

    @Inject
    public EnvelopeSenderOwnershipHook(SenderOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return check(session, sender);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return check(session, sender);
    }

    private HookResult check(SMTPSession session, MaybeSender sender) {
        Username login = session.getUsername();
        if (login == null || session instanceof ExtendedSMTPSession extended && !extended.verifyIdentity()) {
            return HookResult.DECLINED;
        }
        if (sender == null || sender.isNullSender()) {
            return HookResult.DECLINED; // read receipts (RFC 8098 §2.1) and other notifications; the header is checked
        }
        String address = sender.get().asString();
        if (ownership.owns(login.asString(), address)) {
            return HookResult.DECLINED;
        }
        LOG.info("Refused the sender {} from the login {}: not an address it owns", LoginThrottle.printable(address),
                LoginThrottle.printable(login.asString()));
        String shown = address.length() <= MAX_SHOWN ? address : address.substring(0, MAX_SHOWN) + "...";
        return refuse("5.7.1 You are logged in as " + login.asString() + " and may not send as " + shown
                + ": use your own address, one of your aliases or a list you own");
    }

    private static HookResult refuse(String description) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode(SMTPRetCode.SYNTAX_ERROR_MAILBOX)
                .smtpDescription(description).build();
    }
}
