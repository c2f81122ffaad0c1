package org.facteur.lists.posting;

import java.util.Optional;

import org.facteur.lists.mail.AutomatedMail;

/** Bounces, vacation replies and other robots never reach the members. */
final class AutomatedSenderRule implements PostingRule {
    @Override
    public Optional<Decision> check(Post post) {
        return AutomatedMail.isAutomated(post.mail()) ? Optional.of(new Decision.Discard("automated sender")) : Optional.empty();
    }
}
