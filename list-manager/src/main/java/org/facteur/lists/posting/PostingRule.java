package org.facteur.lists.posting;

import java.util.Optional;

/** One check on a post, in the spirit of Mailman's rules: a decision, or nothing to let the next rule speak. */
@FunctionalInterface
public interface PostingRule {
    Optional<Decision> check(Post post);
}
