package org.facteur.lists.posting;

import java.time.Clock;
import java.util.Optional;

import org.facteur.lists.store.ListStore;

/** A Message-ID the list already saw (a resent or looping copy) is dropped. */
final class DuplicateRule implements PostingRule {
    private final ListStore store;
    private final Clock clock;

    DuplicateRule(ListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<Decision> check(Post post) {
        Optional<String> id = post.mail().header("Message-ID").map(String::trim).filter(s -> !s.isEmpty());
        if (id.isEmpty() || store.firstSighting(post.list().address(), id.get(), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Discard("duplicate Message-ID"));
    }
}
