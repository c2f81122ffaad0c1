package org.facteur.mailserver.imap;

import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.StatusRequest;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James's STATUS, telling a mailbox that does not exist from other failures: {@code NO [NONEXISTENT] STATUS failed.
 * No such mailbox.} (RFC 5530 §3, as Dovecot answers) instead of James's bare "STATUS failed". Clients ask STATUS of
 * every subscribed folder, also of one deleted from another client; the code lets them tell that from a server
 * error. Only a failed STATUS costs the extra look-up.
 */
public final class NonexistentStatusProcessor extends StatusProcessor {
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
        AtomicReference<ImapResponseMessage> refusal = new AtomicReference<>();
        Responder holdingRefusal = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse status && status.getServerResponseType() == StatusResponse.Type.NO
                        && request.getTag().equals(status.getTag())) {
                    refusal.set(message);
                } else {
                    responder.respond(message);
                }
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
        return super.processRequestReactive(request, session, holdingRefusal)
                .then(Mono.defer(() -> refusal.get() == null ? Mono.<Void>empty()
                        : answerRefusal(request, session, responder, refusal.get())));
    }

    /** James's refusal, or {@code [NONEXISTENT]} when the mailbox does not exist. */
    private Mono<Void> answerRefusal(StatusRequest request, ImapSession session, Responder responder,
                                     ImapResponseMessage jamesRefusal) {
        return Mono.fromCallable(() -> PathConverter.forSession(session).buildFullPath(request.getMailboxName()))
                .flatMap(path -> Mono.from(getMailboxManager().mailboxExists(path, session.getMailboxSession())))
                .onErrorReturn(true) // James's answer stands
                .doOnNext(exists -> responder.respond(exists ? jamesRefusal
                        : factory.taggedNo(request.getTag(), request.getCommand(), NO_SUCH_MAILBOX,
                                ResponseCodes.NONEXISTENT)))
                .then();
    }
}
