package org.facteur.lists.posting;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.facteur.lists.store.ListStore;

/**
 * The ordered rules every post goes through; the first rule with an opinion decides
 * (loop, robots, duplicates, size, then the send policy).
 */
public final class PostingChain {
    private final List<PostingRule> rules;

    public PostingChain(ListStore store, Clock clock) {
        this.rules = List.of(new LoopRule(), new AutomatedSenderRule(), new SizeRule(), new DuplicateRule(store, clock),
                new SendPolicyRule());
    }

    public Decision decide(Post post) {
        for (PostingRule rule : rules) {
            Optional<Decision> decision = rule.check(post);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        return new Decision.Accept();
    }
}
