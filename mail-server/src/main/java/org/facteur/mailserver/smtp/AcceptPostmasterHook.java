package org.facteur.mailserver.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * Accepts {@code postmaster@} every served domain (RFC 5321 section 4.5.1: a server must), which is no mailbox:
 * placed before James's recipient check, which would refuse it as an unknown user. The root processor's
 * {@code PostmasterAlias} then hands it to the configured postmaster. Other domains' postmasters stay refused
 * (James's own hook would accept them on any domain and bounce them later).
 */
public final class AcceptPostmasterHook implements RcptHook {
    private final DomainList domains;

    @Inject
    public AcceptPostmasterHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            if ("postmaster".equalsIgnoreCase(rcpt.getLocalPart()) && domains.containsDomain(rcpt.getDomain())) {
                return HookResult.OK;
            }
        } catch (DomainListException e) {
            return HookResult.DECLINED;
        }
        return HookResult.DECLINED;
    }
}
