package org.facteur.mailserver.vacation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.mailserver.store.mailbox.InboxAnnotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The away message ("vacation"): for each local recipient whose INBOX carries an active {@link Vacation}
 * entry (IMAP METADATA, set from the webmail), answers the sender once per {@link #PERIOD}, following
 * {@link AutoReplyRules}. The reply has a null envelope sender and {@code Auto-Submitted: auto-replied},
 * so it is never answered in turn. Never changes or stops the mail it answers.
 */
public final class ReplyWhenAway extends GenericMailet {
    static final Duration PERIOD = Duration.ofDays(7);
    /** The processor that routes generated mail: local domains to transport, the rest to relay. */
    static final String PROCESSOR = "list-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWhenAway.class);
    private static final MailboxAnnotationKey KEY = new MailboxAnnotationKey(Vacation.ENTRY);

    private final InboxAnnotations entries;
    private final Clock clock;
    private final RecentReplies recent;

    @Inject
    public ReplyWhenAway(InboxAnnotations entries) {
        this(entries, Clock.systemDefaultZone());
    }

    ReplyWhenAway(InboxAnnotations entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
        this.recent = new RecentReplies(PERIOD, clock);
    }

    @Override
    public void service(Mail mail) {
        if (!mail.getMaybeSender().asOptional().isPresent()) {
            return;
        }
        String sender = mail.getMaybeSender().get().asString();
        for (MailAddress recipient : mail.getRecipients()) {
            if (!getMailetContext().isLocalServer(recipient.getDomain())) {
                continue;
            }
            String member = recipient.asString();
            try {
                Optional<Vacation> vacation = entries.value(Username.of(member), KEY).flatMap(Vacation::parse);
                if (vacation.isEmpty() || !vacation.get().activeOn(LocalDate.now(clock))
                        || !AutoReplyRules.deservesReply(sender, member, mail.getMessage())
                        || !recent.claim(member, sender)) {
                    continue;
                }
                send(reply(vacation.get(), member, sender, mail.getMessage()), sender);
                LOG.info("Away message from {} to {}", member, sender);
            } catch (MessagingException | RuntimeException e) {
                // the mail itself is delivered whatever happens to its auto-reply
                LOG.warn("No away message from {} for mail {}: {}", member, mail.getName(), e.toString());
            }
        }
    }

    static MimeMessage reply(Vacation vacation, String member, String sender, MimeMessage original) throws MessagingException {
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(member));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(sender));
        String subject = vacation.subject().isEmpty()
                ? "Auto: " + Optional.ofNullable(original.getSubject()).orElse("")
                : vacation.subject();
        reply.setSubject(subject, "UTF-8");
        reply.setText(vacation.body(), "UTF-8");
        reply.setHeader("Auto-Submitted", "auto-replied");
        String messageId = original.getMessageID();
        if (messageId != null) {
            reply.setHeader("In-Reply-To", messageId);
            String references = original.getHeader("References", " ");
            reply.setHeader("References", references == null ? messageId : references + " " + messageId);
        }
        reply.setSentDate(new Date());
        reply.saveChanges();
        return reply;
    }

    private void send(MimeMessage reply, String sender) throws MessagingException {
        MailImpl mail = MailImpl.builder()
                .name("away-" + UUID.randomUUID())
                .sender(MaybeSender.nullSender())
                .addRecipient(new MailAddress(sender))
                .mimeMessage(reply)
                .build();
        try {
            getMailetContext().sendMail(mail, PROCESSOR);
        } finally {
            mail.dispose();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur away message (vacation auto-reply)";
    }
}
