package org.facteur.mailserver.search;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.mailbox.model.MailboxId;

/**
 * The facts of the mailboxes searched last, each kept with the store's {@link MessageFacts.Version} it was read
 * under and reused only while that version stays: a client that searches a large mailbox again (flags, UIDs, a
 * SORT) does not read every row again. Bounded by the number of messages held (least recently used go first).
 */
final class FactsCache {
    /** About 40 MB at the most: ~200 bytes per message's facts. */
    static final int MAX_MESSAGES = 200_000;

    private record Entry(MessageFacts.Version version, List<MessageFacts> facts) {
    }

    private final int maxMessages;
    private final LinkedHashMap<MailboxId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int held;

    FactsCache(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** The facts read under exactly this version, or null. */
    synchronized List<MessageFacts> get(MailboxId mailbox, MessageFacts.Version version) {
        Entry e = entries.get(mailbox);
        return e != null && e.version().equals(version) ? e.facts() : null;
    }

    synchronized void put(MailboxId mailbox, MessageFacts.Version version, List<MessageFacts> facts) {
        Entry old = entries.remove(mailbox);
        if (old != null) {
            held -= old.facts().size();
        }
        if (facts.size() > maxMessages) {
            return;
        }
        entries.put(mailbox, new Entry(version, List.copyOf(facts)));
        held += facts.size();
        Iterator<Map.Entry<MailboxId, Entry>> eldest = entries.entrySet().iterator();
        while (held > maxMessages && eldest.hasNext()) {
            held -= eldest.next().getValue().facts().size();
            eldest.remove();
        }
    }
}
