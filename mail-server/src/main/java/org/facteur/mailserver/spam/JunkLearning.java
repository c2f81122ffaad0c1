package org.facteur.mailserver.spam;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MessageMoveEvent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Members teach Rspamd: a message moved or copied into Junk is learned as spam, one moved out of Junk (elsewhere than
 * Trash) as ham, on Rspamd's controller. Mail Facteur itself files in Junk is not learned (only members' moves are),
 * so Rspamd does not teach itself its own mistakes. Runs after the IMAP command has answered; a failure is logged and
 * changes nothing for the member.
 */
public final class JunkLearning implements EventListener.ReactiveGroupEventListener {
    public static final class JunkLearningGroup extends Group {
    }

    static final String JUNK = "Junk";
    static final String TRASH = "Trash";
    private static final Logger LOG = LoggerFactory.getLogger(JunkLearning.class);
    private static final Group GROUP = new JunkLearningGroup();

    private final SpamChecking checking;
    private final MailboxSessionMapperFactory store;
    private final SessionProvider sessions;

    @Inject
    public JunkLearning(SpamChecking checking, MailboxSessionMapperFactory store, SessionProvider sessions) {
        this.checking = checking;
        this.store = store;
        this.sessions = sessions;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.ASYNCHRONOUS;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MessageMoveEvent && checking.rspamd().flatMap(r -> r.settings().learnUrl()).isPresent();
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (!isHandling(event)) {
            return Mono.empty();
        }
        return Mono.<Void>fromRunnable(() -> learn((MessageMoveEvent) event)).subscribeOn(Schedulers.boundedElastic());
    }

    private void learn(MessageMoveEvent move) {
        MailboxSession session = sessions.createSystemSession(move.getUsername());
        try {
            boolean intoJunk = anyNamed(move.getMessageMoves().addedMailboxIds(), JUNK, session);
            boolean outOfJunk = anyNamed(move.getMessageMoves().removedMailboxIds(), JUNK, session)
                    && !move.getMessageMoves().addedMailboxIds().isEmpty()
                    && !anyNamed(move.getMessageMoves().addedMailboxIds(), TRASH, session);
            if (intoJunk == outOfJunk) {
                return;
            }
            for (Map.Entry<MessageId, MailboxMessage> message : contents(move, session).entrySet()) {
                try (InputStream in = message.getValue().getFullContent()) {
                    boolean learned = checking.rspamd().orElseThrow().learn(intoJunk, in.readAllBytes());
                    LOG.info("Rspamd {} {} of {} ({})", learned ? "learned" : "had already learned", intoJunk ? "spam" : "ham",
                            move.getUsername().asString(), message.getKey().serialize());
                } catch (IOException e) {
                    LOG.warn("Rspamd could not learn {} from {}: {}", intoJunk ? "spam" : "ham", move.getUsername().asString(),
                            e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the messages {} moved, to teach Rspamd: {}", move.getUsername().asString(), e.toString());
        }
    }

    private Map<MessageId, MailboxMessage> contents(MessageMoveEvent move, MailboxSession session) {
        Map<MessageId, MailboxMessage> byId = new LinkedHashMap<>();
        for (MailboxMessage message : store.getMessageIdMapper(session).find(move.getMessageIds(), MessageMapper.FetchType.FULL)) {
            byId.putIfAbsent(message.getMessageId(), message);
        }
        return byId;
    }

    private boolean anyNamed(Set<MailboxId> ids, String name, MailboxSession session) {
        for (MailboxId id : ids) {
            Mailbox mailbox = store.getMailboxMapper(session).findMailboxById(id).onErrorResume(e -> Mono.empty()).block();
            if (mailbox != null && mailbox.getName().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
