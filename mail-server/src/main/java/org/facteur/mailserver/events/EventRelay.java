package org.facteur.mailserver.events;

import java.util.Set;

import org.apache.james.events.Event;
import org.apache.james.events.RegistrationKey;

/** Carries the mailbox events of this node to the other nodes, and theirs to this node's {@link Receiver}. */
public interface EventRelay {
    /** Hands an event dispatched on this node to the others; never blocks for long and never throws. */
    void publish(Event event, Set<RegistrationKey> keys);

    /** Where the events of the other nodes go; set once, by the event bus. */
    void receiveWith(Receiver receiver);

    /** Delivers an event that another node dispatched with these keys. */
    @FunctionalInterface
    interface Receiver {
        void deliver(Event event, Set<RegistrationKey> keys);
    }
}
