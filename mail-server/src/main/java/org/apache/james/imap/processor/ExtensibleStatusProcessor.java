package org.apache.james.imap.processor;

import org.apache.james.imap.api.message.StatusDataItems;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James 3.8.1's STATUS with the step that answers for an opened mailbox open to a subclass in another package
 * ({@code StatusProcessor.sendStatus} is package-private), so that Facteur's STATUS can tell a missing mailbox from a
 * failure before James logs it as an error. Adds nothing else.
 */
public abstract class ExtensibleStatusProcessor extends StatusProcessor {
    protected ExtensibleStatusProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    /** Sends {@code * STATUS} for the mailbox, as James does (CONDSTORE enabled when HIGHESTMODSEQ is asked). */
    protected final Mono<MailboxStatusResponse> answerStatus(MessageManager mailbox, StatusDataItems items, Responder responder,
                                                             ImapSession session, MailboxSession mailboxSession) {
        return sendStatus(mailbox, items, responder, session, mailboxSession);
    }
}
