package org.facteur.mailserver.imap.sort;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.SearchQuery;

/**
 * Turns IMAP search keys into the mailbox's search query with James's own SEARCH translation (message numbers of the
 * selected mailbox, {@code $}, \Recent, MODSEQ, dates), so that SORT and THREAD match exactly what SEARCH matches.
 * James 3.8.1 keeps that translation in a private method of its SEARCH processor; it is looked up once, at start, so a
 * James upgrade that moves it fails Facteur's start and its tests, never a member's command.
 */
public final class SearchKeyQueries {
    private final SearchProcessor search;
    private final Method toQuery;

    public SearchKeyQueries(SearchProcessor search) {
        this.search = search;
        try {
            this.toQuery = SearchProcessor.class.getDeclaredMethod("toQuery", SearchKey.class, ImapSession.class);
            this.toQuery.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("James's SEARCH processor no longer has toQuery(SearchKey, ImapSession)", e);
        }
    }

    public SearchQuery query(SearchKey key, ImapSession session) throws MessageRangeException {
        try {
            return (SearchQuery) toQuery.invoke(search, key, session);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MessageRangeException range) {
                throw range;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
