package org.facteur.lists.posting;

import java.util.Optional;

/** Posts over the list's size limit are refused with the limit in the answer. */
final class SizeRule implements PostingRule {
    @Override
    public Optional<Decision> check(Post post) {
        long limit = post.list().maxMessageBytes();
        if (post.mail().size() > limit) {
            return Optional.of(new Decision.Reject("reject.size", post.mail().size() / 1024, limit / 1024));
        }
        return Optional.empty();
    }
}
