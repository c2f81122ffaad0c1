package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.StatusRequest;
import org.apache.james.imap.processor.ExtensibleStatusProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.ReactorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * James's STATUS, telling a mailbox that does not exist from other failures: {@code NO [NONEXISTENT] STATUS failed.
 * No such mailbox.} (RFC 5530 §3, as Dovecot answers) instead of James's bare "STATUS failed", and without the error
 * and stack trace James logged for it. Clients ask STATUS of every subscribed folder, also of one deleted from another
 * client: that is the client's view being out of date, not a server fault. Other failures are answered and logged as
 * James does. The steps are James's own (open the mailbox, answer {@code * STATUS}, unsolicited responses, OK).
 */
public final class NonexistentStatusProcessor extends ExtensibleStatusProcessor {
    /** James's own logger and its log context (user, session) for a real failure, as James logs it. */
    private static final Logger JAMES_LOG = LoggerFactory.getLogger(StatusProcessor.class);
    private static final HumanReadableText NO_SUCH_MAILBOX = new HumanReadableText(
            "org.facteur.imap.status.NONEXISTENT", "failed. No such mailbox.");

    private final StatusResponseFactory factory;

    @Inject
    public NonexistentStatusProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                      MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
        this.factory = factory;
    }

    @Override
    protected Mono<Void> processRequestReactive(StatusRequest request, ImapSession session, Responder responder) {
        MailboxPath path = PathConverter.forSession(session).buildFullPath(request.getMailboxName());
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(getMailboxManager().getMailboxReactive(path, mailboxSession))
                .flatMap(mailbox -> answerStatus(mailbox, request.getStatusDataItems(), responder, session, mailboxSession))
                .then(unsolicitedResponses(session, responder, false))
                .then(Mono.fromRunnable(() -> okComplete(request, responder)))
                .onErrorResume(MailboxNotFoundException.class, e -> Mono.fromRunnable(() -> responder.respond(
                        factory.taggedNo(request.getTag(), request.getCommand(), NO_SUCH_MAILBOX, ResponseCodes.NONEXISTENT))))
                .onErrorResume(MailboxException.class, e -> {
                    no(request, responder, HumanReadableText.STATUS_FAILED);
                    return ReactorUtils.logAsMono(() -> JAMES_LOG.error("Status failed for mailbox {}", path, e));
                })
                .then();
    }
}
