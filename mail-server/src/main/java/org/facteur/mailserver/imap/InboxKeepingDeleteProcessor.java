package org.facteur.mailserver.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.processor.DeleteProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's DELETE, refusing to delete an INBOX: {@code NO [CANNOT] DELETE failed. INBOX cannot be deleted; delete or
 * move its messages instead.} RFC 3501 §6.3.4 (and RFC 9051 §6.3.4) make it an error; James 3.8.1 deleted it with
 * every message in it and answered OK, and the next delivery made a new, empty one. One click in a client's folder
 * pane lost a member's mail. Dovecot answers {@code NO INBOX can't be deleted}.
 */
public final class InboxKeepingDeleteProcessor extends DeleteProcessor {
    static final HumanReadableText INBOX_KEPT = new HumanReadableText("org.facteur.imap.delete.INBOX",
            "failed. INBOX cannot be deleted; delete or move its messages instead.");

    @Inject
    public InboxKeepingDeleteProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                       MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(DeleteRequest request, ImapSession session, Responder responder) {
        if (PathConverter.forSession(session).buildFullPath(request.getMailboxName()).isInbox()) {
            return Mono.fromRunnable(() -> no(request, responder, INBOX_KEPT, ResponseCodes.CANNOT));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
