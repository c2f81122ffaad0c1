package org.facteur.mailserver.imap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.processor.IdleProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.metrics.api.MetricFactory;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's IDLE, with its mailbox listener run after the session's view of the mailbox has taken the event in.
 * James 3.8.1's selected mailbox calls the IDLE listener while it assembles its reaction to an event, before the
 * view has recorded the event; the listener then looked at an empty list of changed flags, pushed no FETCH, and the
 * change was forgotten: a message flagged or read in another client never showed as such in a client in IDLE
 * (Thunderbird keeps one in IDLE on INBOX). Wrapping the listener in {@link Mono#defer} moves its work after. A
 * deletion of the mailbox by another session during IDLE gets {@code * BYE Selected mailbox has been deleted} at once
 * and the connection is closed, as Dovecot 2.3 does ({@link DeletedSelection#byeDuringIdle}); its mark is also kept
 * for the BYE of the next command, should the connection outlive it.
 */
public final class OrderedIdleProcessor extends IdleProcessor {
    @Inject
    public OrderedIdleProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(IdleRequest request, ImapSession session, Responder responder) {
        return super.processRequestReactive(request,
                proxy(ImapSession.class, session, (target, m, a) -> sessionCall(target, m, a, responder)), responder);
    }

    private static Object sessionCall(Object session, Method method, Object[] args, Responder responder) throws Throwable {
        Object result = invoke(session, method, args);
        if (method.getName().equals("getSelected") && result instanceof SelectedMailbox selected) {
            ImapSession real = (ImapSession) session;
            return proxy(SelectedMailbox.class, selected, (target, m, a) -> selectedCall(real, responder, target, m, a));
        }
        return result;
    }

    /**
     * Runs the listener after the view, then says BYE if the event was the mailbox's deletion by another session; and
     * keeps the mark of that deletion, which James's view forgets when IDLE passes the event's other updates on
     * ({@code resetEvents}), for {@link DeletedSelection}.
     */
    private static Object selectedCall(ImapSession session, Responder responder, Object selected, Method method,
                                       Object[] args) throws Throwable {
        if (method.getName().equals("registerIdle") && args.length == 1 && args[0] instanceof ReactiveEventListener idle) {
            return invoke(selected, method, new Object[] {new AfterTheView(idle, event -> event instanceof MailboxDeletion
                    ? DeletedSelection.byeDuringIdle(session, responder) : Mono.empty())});
        }
        if (method.getName().equals("resetEvents")) {
            DeletedSelection.remember(session, (SelectedMailbox) selected);
        }
        return invoke(selected, method, args);
    }

    /**
     * The IDLE listener, its work assembled only when the selected mailbox's own handling of the event is done, and
     * {@code then} after it.
     */
    record AfterTheView(ReactiveEventListener idle, Function<Event, Mono<Void>> then) implements ReactiveEventListener {
        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            // then runs even when the listener fails (it may, on the deleted mailbox), its error passed on after
            return Flux.concatDelayError(Mono.defer(() -> Mono.from(idle.reactiveEvent(event))),
                    Mono.defer(() -> then.apply(event))).then();
        }

        @Override
        public ExecutionMode getExecutionMode() {
            return idle.getExecutionMode();
        }

        @Override
        public boolean isHandling(Event event) {
            return idle.isHandling(event);
        }
    }

    /** A call on the target of a proxy. */
    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> call.on(target, method, args == null ? new Object[0] : args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
