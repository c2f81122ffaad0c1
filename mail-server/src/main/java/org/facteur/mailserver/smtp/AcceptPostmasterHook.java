package org.facteur.mailserver.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.MailetContext;

/**
 * Accepts {@code postmaster@} every served domain (RFC 5321 section 4.5.1), which is no mailbox: placed before James's
 * recipient check, which would refuse it as an unknown user. The root processor's {@code PostmasterAlias} then hands
 * it to the configured postmaster. Only when that postmaster can receive it (a mailbox or an alias here): otherwise
 * James's check decides as before, so that mail is refused during SMTP rather than accepted and bounced. Other
 * domains' postmasters stay refused (James's own hook would accept them on any domain).
 */
public final class AcceptPostmasterHook implements RcptHook {
    private final DomainList domains;
    private final MailetContext context;
    private final UsersRepository users;
    private final RecipientRewriteTable rewrites;

    @Inject
    public AcceptPostmasterHook(DomainList domains, MailetContext context, UsersRepository users, RecipientRewriteTable rewrites) {
        this.domains = domains;
        this.context = context;
        this.users = users;
        this.rewrites = rewrites;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            if ("postmaster".equalsIgnoreCase(rcpt.getLocalPart()) && domains.containsDomain(rcpt.getDomain())
                    && deliverable(context.getPostmaster())) {
                return HookResult.OK;
            }
        } catch (Exception e) {
            return HookResult.DECLINED; // James's recipient check decides
        }
        return HookResult.DECLINED;
    }

    private boolean deliverable(MailAddress postmaster) throws Exception {
        return domains.containsDomain(postmaster.getDomain())
                && (users.contains(users.getUsername(postmaster))
                || !rewrites.getResolvedMappings(postmaster.getLocalPart(), postmaster.getDomain()).isEmpty());
    }
}
