package org.facteur.webmail.mail;

import java.util.List;

/** One page of a folder grouped by conversation, newest conversation first; {@code total} counts conversations. */
public record ConversationPage(String folder, List<ConversationSummary> conversations, int page, int pageCount, int total) {
    public ConversationPage {
        conversations = List.copyOf(conversations);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount;
    }
}
