package org.facteur.lists.posting;

import java.util.Locale;
import java.util.Optional;

/** A post carrying this list's own X-Loop came back from the list: drop it. */
final class LoopRule implements PostingRule {
    @Override
    public Optional<Decision> check(Post post) {
        String loops = post.mail().header("X-Loop").orElse("").toLowerCase(Locale.ROOT);
        return loops.contains(post.list().address()) ? Optional.of(new Decision.Discard("loop")) : Optional.empty();
    }
}
