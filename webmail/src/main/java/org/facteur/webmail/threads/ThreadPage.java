package org.facteur.webmail.threads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of conversations, newest first: a conversation is as new as the last message that arrived in it
 * (its highest UID), as the plain list puts the last arrived message first. Pages count from 1; a page past the
 * end is the last page, as for the plain list.
 */
public record ThreadPage(List<MessageThread> threads, int page, int pageCount, int total) {
    public ThreadPage {
        threads = List.copyOf(threads);
    }

    /** Page {@code page} of {@code all} with {@code size} conversations a page. */
    public static ThreadPage of(List<MessageThread> all, int page, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one conversation");
        }
        List<MessageThread> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(MessageThread::newestUid).reversed());
        int total = sorted.size();
        int pageCount = Math.max(1, (total + size - 1) / size);
        int current = Math.min(Math.max(1, page), pageCount);
        int from = Math.min(total, (current - 1) * size);
        return new ThreadPage(sorted.subList(from, Math.min(total, from + size)), current, pageCount, total);
    }

    /** The UIDs of every message of this page's conversations. */
    public List<Long> uids() {
        List<Long> out = new ArrayList<>();
        threads.forEach(t -> out.addAll(t.uids()));
        return out;
    }
}
