package org.facteur.webmail.threads;

import java.util.List;

/**
 * One conversation as the server threaded it (IMAP THREAD REFERENCES): its messages in thread order (a message
 * before its replies, siblings oldest first), never empty. The first is the thread's root, or, when the root is
 * not in the folder, its oldest reply.
 */
public record MessageThread(List<ThreadedMessage> messages) {
    public MessageThread {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a thread holds at least one message");
        }
        messages = List.copyOf(messages);
    }

    public int size() {
        return messages.size();
    }

    public long firstUid() {
        return messages.get(0).uid();
    }

    /** The UID of the message that arrived last (UIDs grow with arrival), which orders conversations as the plain list orders messages. */
    public long newestUid() {
        long max = 0;
        for (ThreadedMessage m : messages) {
            max = Math.max(max, m.uid());
        }
        return max;
    }

    public List<Long> uids() {
        return messages.stream().map(ThreadedMessage::uid).toList();
    }
}
