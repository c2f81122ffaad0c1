package org.facteur.webmail.mail;

import java.util.List;

/** One page of a folder, newest first; pages count from 1. */
public record MessagePage(String folder, List<MessageSummary> messages, int page, int pageCount, int total) {
    public static final int SIZE = 50;

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount;
    }
}
