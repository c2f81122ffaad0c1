package org.facteur.mailserver.imap.context;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.message.request.SearchRequest;

/**
 * A {@code SEARCH} or {@code UID SEARCH} whose RETURN asks for what RFC 5267 §4 adds: {@code UPDATE} (keep the
 * result live and tell the client of every change) and/or {@code PARTIAL n:m} (a window of the results). James runs
 * it as an ordinary extended search with {@link #jamesOptions()}; Facteur then writes the answer the client asked for
 * ({@link #returned()}, the window) and, for UPDATE, keeps the result.
 */
public final class ContextSearchRequest extends SearchRequest {
    private final List<SearchResultOption> returned;
    private final Optional<PartialRange> partial;
    private final boolean update;

    ContextSearchRequest(SearchKey key, List<SearchResultOption> returned, Optional<PartialRange> partial,
                         boolean update, boolean useUids, Tag tag) {
        super(new SearchOperation(key, jamesOptions(returned)), useUids, tag);
        this.returned = List.copyOf(returned);
        this.partial = partial;
        this.update = update;
    }

    /**
     * What James is asked: the client's own options, and COUNT when none but SAVE is left, so that James answers with
     * an ESEARCH Facteur can rewrite (its answer always carries every match, whatever the options).
     */
    private static List<SearchResultOption> jamesOptions(List<SearchResultOption> returned) {
        if (returned.stream().allMatch(o -> o == SearchResultOption.SAVE)) {
            return java.util.stream.Stream.concat(returned.stream(), java.util.stream.Stream.of(SearchResultOption.COUNT)).toList();
        }
        return returned;
    }

    /** MIN, MAX, COUNT, ALL and SAVE as the client asked them (without UPDATE, PARTIAL and CONTEXT). */
    public List<SearchResultOption> returned() {
        return returned;
    }

    public Optional<PartialRange> partial() {
        return partial;
    }

    public boolean update() {
        return update;
    }
}
