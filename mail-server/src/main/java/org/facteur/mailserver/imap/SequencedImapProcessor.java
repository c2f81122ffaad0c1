package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.DeniedAccessOnSharedMailboxException;

import org.facteur.mailserver.imap.context.LiveSearchUpdates;
import org.facteur.mailserver.imap.context.LiveSearches;

import reactor.core.publisher.Mono;

/**
 * James's IMAP processing, telling the connection's {@link CommandSequencer} when each command has finished, and
 * answering {@code NO} where James throws on a mailbox name that is not modified UTF-7 ({@link InvalidMailboxName})
 * or that lies in another user's or a shared namespace ({@link ForeignNamespace}),
 * with every keyword a FETCH carries listed by FLAGS first ({@link KeywordsListedFirst}), no RECENT, EXPUNGE or FETCH
 * beyond the EXISTS sent ({@link RecentWithinExists}), the session's live searches told of each change ({@link LiveSearchUpdates}), a BYE
 * when another session deleted the selected mailbox ({@link DeletedSelection}), and configured with CONDSTORE on
 * ({@link CondstoreConfiguration}).
 */
final class SequencedImapProcessor implements ImapProcessor {
    private final ImapProcessor james;

    SequencedImapProcessor(ImapProcessor james) {
        this.james = james;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        Runnable finished = CommandSequencer.begin(session);
        if (DeletedSelection.applies(message, session)) {
            return DeletedSelection.bye(responder, session).doFinally(signal -> finished.run());
        }
        Mono<Void> processing;
        LiveSearches.endOnSelection(message, session);
        LiveSearchUpdates updates = new LiveSearchUpdates(
                new RecentWithinExists(new KeywordsListedFirst(responder, session), session), session,
                () -> RecentWithinExists.announced(session).orElseGet(() -> session.getSelected().existsCount()));
        try {
            processing = james.processReactive(message, updates, session)
                    .then(Mono.defer(updates::finish))
                    .onErrorResume(e -> updates.release().then(Mono.error(e)));
        } catch (Error | DeniedAccessOnSharedMailboxException e) {
            processing = Mono.error(e);
        }
        return processing
                .onErrorResume(e -> refusal(e, message) != null, e -> Mono.fromRunnable(() -> {
                    responder.respond(refusal(e, message));
                    responder.flush();
                }))
                .doFinally(signal -> finished.run());
    }

    /** The NO for a name James throws on, or null when {@code e} is something else. */
    private static StatusResponse refusal(Throwable e, ImapMessage message) {
        if (!(message instanceof ImapRequest request)) {
            return null;
        }
        if (InvalidMailboxName.thrownBy(e)) {
            return InvalidMailboxName.refusal(request.getTag(), request.getCommand());
        }
        if (ForeignNamespace.thrownBy(e)) {
            return ForeignNamespace.refusal(request.getTag(), request.getCommand());
        }
        return null;
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        james.configure(CondstoreConfiguration.of(configuration));
    }
}
