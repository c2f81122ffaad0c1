package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;

import reactor.core.publisher.Mono;

/** James's IMAP processing, telling the connection's {@link CommandSequencer} when each command has finished. */
final class SequencedImapProcessor implements ImapProcessor {
    private final ImapProcessor james;

    SequencedImapProcessor(ImapProcessor james) {
        this.james = james;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        Runnable finished = CommandSequencer.begin(session);
        return james.processReactive(message, responder, session).doFinally(signal -> finished.run());
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        james.configure(configuration);
    }
}
