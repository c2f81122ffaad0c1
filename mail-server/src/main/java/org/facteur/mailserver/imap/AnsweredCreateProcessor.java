package org.facteur.mailserver.imap;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's CREATE, answering every request. James 3.8.1 sent nothing at all for a name that is empty once its
 * namespace prefix is taken off ({@code CREATE "#private"}, {@code CREATE "#private."}), so the client waited forever;
 * and it answered a name with an empty level ({@code a..b}, {@code .a}) or a forbidden character ({@code %}, {@code *},
 * a leading {@code #}) with "processing failed" and a stack trace in the log. Each now gets {@code NO} with a sentence
 * that says what is wrong with the name; a CREATE that lost a race with another session's gets "already exists".
 */
public final class AnsweredCreateProcessor extends CreateProcessor {
    @Inject
    public AnsweredCreateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                   MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder responder) {
        AtomicBoolean answered = new AtomicBoolean();
        Responder tracking = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse status && request.getTag().equals(status.getTag())) {
                    answered.set(true);
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
        return super.processRequestReactive(request, session, tracking)
                .onErrorResume(e -> MailboxNameRefusals.of(e).isPresent(),
                        e -> Mono.fromRunnable(() -> no(request, tracking, MailboxNameRefusals.of(e).orElseThrow())))
                .then(Mono.fromRunnable(() -> {
                    if (!answered.get()) {
                        // James also sends nothing when another session created the same mailbox at the same moment.
                        no(request, tracking, MailboxNameRefusals.isEmpty(request.getMailboxName(), session)
                                ? MailboxNameRefusals.EMPTY : HumanReadableText.MAILBOX_EXISTS);
                    }
                }));
    }
}
