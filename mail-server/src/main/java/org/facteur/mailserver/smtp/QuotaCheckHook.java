package org.facteur.mailserver.smtp;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.protocols.api.ProtocolSession;
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
 * Quotas read at RCPT are kept for the transaction, so the DATA check costs no extra lookup.
 */
public final class QuotaCheckHook implements RcptHook, JamesMessageHook {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaCheckHook.class);
    private static final ProtocolSession.AttachmentKey<QuotasByRecipient> QUOTAS =
            ProtocolSession.AttachmentKey.of("facteur.quotas", QuotasByRecipient.class);

    private final UsersRepository users;
    private final UserQuotaRootResolver quotaRoots;
    private final QuotaManager quotas;

    @Inject
    public QuotaCheckHook(UsersRepository users, UserQuotaRootResolver quotaRoots, QuotaManager quotas) {
        this.users = users;
        this.quotas = quotas;
        this.quotaRoots = quotaRoots;
    }

    /** Quotas of this transaction's recipients (empty for unknown or unlimited ones). */
    static final class QuotasByRecipient {
        final Map<MailAddress, Optional<QuotaManager.Quotas>> byRecipient = new HashMap<>();
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<QuotaManager.Quotas> quota = quotaOf(rcpt);
        QuotasByRecipient seen = session.getAttachment(QUOTAS, ProtocolSession.State.Transaction)
                .orElseGet(() -> {
                    QuotasByRecipient fresh = new QuotasByRecipient();
                    session.setAttachment(QUOTAS, fresh, ProtocolSession.State.Transaction);
                    return fresh;
                });
        seen.byRecipient.put(rcpt, quota);
        return quota
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
        Map<MailAddress, Optional<QuotaManager.Quotas>> known = session
                .getAttachment(QUOTAS, ProtocolSession.State.Transaction)
                .map(q -> q.byRecipient).orElse(Map.of());
        boolean allFull = recipients.stream().allMatch(rcpt -> known.getOrDefault(rcpt, Optional.empty())
                .map(q -> q.getStorageQuota().isOverQuotaWithAdditionalValue(size))
                .orElse(false));
        return allFull ? mailboxFull(recipients.iterator().next()) : HookResult.DECLINED;
    }

    private Optional<QuotaManager.Quotas> quotaOf(MailAddress rcpt) {
        try {
            QuotaManager.Quotas q = quotas.getQuotas(quotaRoots.forUser(users.getUsername(rcpt)));
            boolean limited = !q.getStorageQuota().getLimit().isUnlimited() || !q.getMessageQuota().getLimit().isUnlimited();
            return limited ? Optional.of(q) : Optional.empty();
        } catch (UsersRepositoryException | MailboxException e) {
            LOG.warn("Could not read the quota of {}; not refusing", rcpt, e);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // not a user name James can form (see QuotedLocalPartHook): no mailbox, no quota
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
