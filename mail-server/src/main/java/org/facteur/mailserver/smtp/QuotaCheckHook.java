package org.facteur.mailserver.smtp;

import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses mail for a full mailbox during the SMTP dialogue, so the sender's server tells the sender
 * (552 5.2.2), instead of accepting and bouncing later. At RCPT: a mailbox already full. After DATA:
 * when the message would overflow every recipient's mailbox. When only some recipients are full the
 * message is accepted and the transport's IsOverQuota step sends a DSN for those: nothing is dropped.
 */
public final class QuotaCheckHook implements RcptHook, JamesMessageHook {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaCheckHook.class);

    private final UsersRepository users;
    private final UserQuotaRootResolver quotaRoots;
    private final QuotaManager quotas;

    @Inject
    public QuotaCheckHook(UsersRepository users, UserQuotaRootResolver quotaRoots, QuotaManager quotas) {
        this.users = users;
        this.quotas = quotas;
        this.quotaRoots = quotaRoots;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return quotaOf(rcpt)
                .filter(q -> q.getStorageQuota().isOverQuota() || q.getMessageQuota().isOverQuotaWithAdditionalValue(1))
                .map(q -> mailboxFull(rcpt))
                .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Collection<MailAddress> recipients = mail.getRecipients();
        if (recipients.isEmpty()) {
            return HookResult.DECLINED;
        }
        long size;
        try {
            size = mail.getMessageSize();
        } catch (MessagingException e) {
            return HookResult.DECLINED;
        }
        boolean allFull = recipients.stream().allMatch(rcpt -> quotaOf(rcpt)
                .map(q -> q.getStorageQuota().isOverQuotaWithAdditionalValue(size))
                .orElse(false));
        return allFull ? mailboxFull(recipients.iterator().next()) : HookResult.DECLINED;
    }

    private Optional<QuotaManager.Quotas> quotaOf(MailAddress rcpt) {
        try {
            Username user = users.getUsername(rcpt);
            if (!users.contains(user)) {
                return Optional.empty();
            }
            return Optional.of(quotas.getQuotas(quotaRoots.forUser(user)));
        } catch (UsersRepositoryException | MailboxException e) {
            LOG.warn("Could not read the quota of {}; not refusing", rcpt, e);
            return Optional.empty();
        }
    }

    private static HookResult mailboxFull(MailAddress rcpt) {
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(SMTPRetCode.QUOTA_EXCEEDED)
                .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.MAILBOX_FULL)
                        + " Mailbox of " + rcpt.asString() + " is full")
                .build();
    }
}
