package org.facteur.mailserver.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * Quoted and escaped local parts ({@code "john doe"@example.org}, {@code john\ doe@...}) are valid RFC 5321 but no
 * mailbox of this server needs them (RFC 5321 section 4.1.2 tells servers not to define such mailboxes), and James
 * 3.8.1 splits user names at the first {@code @}, so {@code "john@doe"@...} made its recipient checks fail with 451
 * and a stack trace. Here: a quoted or escaped local part in one of our domains is an unknown mailbox (550); one
 * with an {@code @} inside is refused everywhere (553); any other goes on (a remote server may have it).
 */
public final class QuotedLocalPartHook implements MailHook, RcptHook {
    private final DomainList domains;

    @Inject
    public QuotedLocalPartHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return sender.asOptional().filter(s -> s.getLocalPart().contains("@"))
                .map(s -> refuse(SMTPRetCode.SYNTAX_ERROR_MAILBOX, "5.1.7", s))
                .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String local = rcpt.getLocalPart();
        if (!local.startsWith("\"") && !local.contains("\\")) {
            return HookResult.DECLINED;
        }
        if (isOurs(rcpt)) {
            return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                    .smtpDescription("5.1.1 No mailbox " + rcpt.asString() + " here: addresses of this server never need"
                            + " quotes or backslashes")
                    .build();
        }
        return local.contains("@") ? refuse(SMTPRetCode.SYNTAX_ERROR_MAILBOX, "5.1.3", rcpt) : HookResult.DECLINED;
    }

    private boolean isOurs(MailAddress address) {
        try {
            return domains.containsDomain(address.getDomain());
        } catch (DomainListException e) {
            return false;
        }
    }

    private static HookResult refuse(String code, String status, MailAddress address) {
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(code)
                .smtpDescription(status + " Address " + address.asString() + " is not supported here: an @ inside the"
                        + " quoted local part")
                .build();
    }
}
