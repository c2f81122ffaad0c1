package org.facteur.mailserver.lists;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.facteur.lists.ListService;

/**
 * Accepts RCPT TO for list addresses ({@code team@}, {@code team-request@}, the robot...), which are no
 * mailbox: placed before James's recipient check, which would refuse them as unknown users.
 */
public final class AcceptListRecipientsHook implements RcptHook {
    private final ListService lists;
    private final org.apache.james.domainlist.api.DomainList domains;

    @Inject
    public AcceptListRecipientsHook(ListService lists, org.apache.james.domainlist.api.DomainList domains) {
        this.lists = lists;
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            if (domains.containsDomain(rcpt.getDomain()) && lists.resolve(rcpt.asString()).isPresent()) {
                return HookResult.OK;
            }
        } catch (org.apache.james.domainlist.api.DomainListException e) {
            return HookResult.DECLINED;
        }
        return HookResult.DECLINED;
    }
}
