package org.facteur.lists.posting;

import java.util.Optional;

import org.facteur.lists.model.Member;

/**
 * The list's send policy. The last rule of the chain: it always decides. Posts from an owner or moderator are
 * trusted without moderation only when the poster logged in to this server as that address, because anyone can
 * write a moderator's address in From:.
 */
final class SendPolicyRule implements PostingRule {
    @Override
    public Optional<Decision> check(Post post) {
        boolean member = post.authorMembership().isPresent();
        boolean trustedModerator = post.authorMembership().map(Member::canModerate).orElse(false) && post.authorIsAuthenticated();
        boolean moderator = post.authorMembership().map(Member::canModerate).orElse(false);
        Decision decision = switch (post.list().policies().send()) {
            case PUBLIC -> new Decision.Accept();
            case MEMBERS -> member ? new Decision.Accept() : new Decision.Reject("reject.members-only", post.list().address());
            case MEMBERS_OTHERS_MODERATED -> member ? new Decision.Accept() : new Decision.Hold("hold.non-member");
            case MODERATED -> trustedModerator ? new Decision.Accept() : new Decision.Hold("hold.moderated");
            case NEWSLETTER -> trustedModerator ? new Decision.Accept()
                    : moderator ? new Decision.Hold("hold.unauthenticated-moderator")
                    : new Decision.Reject("reject.newsletter", post.list().address());
        };
        return Optional.of(decision);
    }
}
