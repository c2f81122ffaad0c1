package org.facteur.mailserver.srs;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * On the MX, accepts RCPT TO an SRS address of one of our domains when it verifies (a bounce or reply to mail we
 * forwarded), and refuses a forged or expired one with a sentence; other recipients go on to the usual checks.
 * Placed before James's recipient check, which would call them unknown users.
 */
public final class AcceptSrsRecipientsHook implements RcptHook {
    private final SrsAddresses srs;
    private final DomainList domains;

    @Inject
    public AcceptSrsRecipientsHook(SrsAddresses srs, DomainList domains) {
        this.srs = srs;
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (!SrsAddresses.isSrs(rcpt.getLocalPart()) || !isOurs(rcpt)) {
            return HookResult.DECLINED;
        }
        if (srs.reverse(rcpt.getLocalPart()).isPresent()) {
            return HookResult.OK;
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                .smtpDescription("5.1.1 " + rcpt.asString() + " is not a valid forwarding (SRS) address of this server,"
                        + " or it is more than " + SrsAddresses.MAX_AGE.toDays() + " days old")
                .build();
    }

    private boolean isOurs(MailAddress rcpt) {
        try {
            return domains.containsDomain(rcpt.getDomain());
        } catch (DomainListException e) {
            return false;
        }
    }
}
