package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.TooLongMailboxNameException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's RENAME, with three corrections.
 * <ul>
 *   <li>A new name that is empty ({@code #private}), has an empty level ({@code a..b}, {@code .a}) or a forbidden
 *       character ({@code %}, {@code *}, a leading {@code #}) gets {@code NO} and the reason, as CREATE does
 *       ({@link AnsweredCreateProcessor}); James 3.8.1 answered "processing failed" and logged a stack trace.</li>
 *   <li>A mailbox cannot be renamed under itself ({@code RENAME Projects Projects.2026}): {@code NO [CANNOT]}, as
 *       Dovecot answers. James renamed the mailbox, then took it for one of its own children and renamed it again:
 *       its messages ended up in {@code Projects.2026.2026} and {@code Projects.2026} did not exist.</li>
 *   <li>{@code RENAME INBOX new} does what RFC 3501 §6.3.5 says: it moves every message of INBOX to a new mailbox
 *       {@code new}, INBOX stays (same UIDVALIDITY, now empty) and the mailboxes under INBOX are unaffected. James
 *       renamed INBOX with its children and made a new INBOX; {@code RENAME INBOX INBOX.Old} put the messages in
 *       {@code INBOX.Old.Old}.</li>
 * </ul>
 */
public final class AnsweredRenameProcessor extends RenameProcessor {
    static final HumanReadableText UNDER_ITSELF = new HumanReadableText("org.facteur.imap.rename.UNDER_ITSELF",
            "failed. A mailbox cannot be moved under itself.");

    @Inject
    public AnsweredRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        return Mono.defer(() -> renamed(request, session, responder))
                .onErrorResume(e -> MailboxNameRefusals.of(e).isPresent(),
                        e -> Mono.fromRunnable(() -> no(request, responder,
                                MailboxNameRefusals.isEmpty(request.getNewName(), session) ? MailboxNameRefusals.EMPTY
                                        : MailboxNameRefusals.of(e).orElseThrow())));
    }

    private Mono<Void> renamed(RenameRequest request, ImapSession session, Responder responder) {
        PathConverter converter = PathConverter.forSession(session);
        MailboxPath from = converter.buildFullPath(request.getExistingName());
        MailboxPath to = converter.buildFullPath(request.getNewName());
        MailboxSession mailboxSession = session.getMailboxSession();
        if (from.isInbox() && from.belongsTo(mailboxSession) && !to.isInbox()) {
            return inboxMoved(request, session, responder, from, to);
        }
        if (!from.isInbox() && to.getParents(mailboxSession.getPathDelimiter()).contains(from)) {
            return Mono.fromRunnable(() -> no(request, responder, UNDER_ITSELF, ResponseCodes.CANNOT));
        }
        return super.processRequestReactive(request, session, responder);
    }

    /** RFC 3501's RENAME of INBOX: a new mailbox {@code to} with all of INBOX's messages; INBOX and its children stay. */
    private Mono<Void> inboxMoved(RenameRequest request, ImapSession session, Responder responder, MailboxPath inbox,
                                  MailboxPath to) {
        MailboxManager mailboxes = getMailboxManager();
        MailboxSession mailboxSession = session.getMailboxSession();
        if (MailboxNameRefusals.isEmpty(request.getNewName(), session)) {
            return Mono.fromRunnable(() -> no(request, responder, MailboxNameRefusals.EMPTY));
        }
        MailboxPath target = to.sanitize(mailboxSession.getPathDelimiter());
        return Mono.fromCallable(() -> target.assertAcceptable(mailboxSession.getPathDelimiter()))
                .flatMap(acceptable -> Mono.from(mailboxes.mailboxExists(acceptable, mailboxSession)))
                .flatMap(exists -> exists ? Mono.<Void>error(new MailboxExistsException(target.asString()))
                        : Mono.from(mailboxes.createMailboxReactive(target, mailboxSession))
                                .then(Flux.from(mailboxes.moveMessagesReactive(MessageRange.all(), inbox, target,
                                        mailboxSession)).then()))
                .then(unsolicitedResponses(session, responder, false))
                .then(Mono.<Void>fromRunnable(() -> okComplete(request, responder)))
                .onErrorResume(MailboxExistsException.class,
                        e -> Mono.fromRunnable(() -> no(request, responder, HumanReadableText.MAILBOX_EXISTS)))
                .onErrorResume(TooLongMailboxNameException.class,
                        e -> Mono.fromRunnable(() -> taggedBad(request, responder, HumanReadableText.FAILURE_MAILBOX_NAME)));
    }
}
