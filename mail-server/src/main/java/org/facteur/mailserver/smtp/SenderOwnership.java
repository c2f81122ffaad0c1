package org.facteur.mailserver.smtp;

import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.facteur.lists.ListService;
import org.facteur.lists.ListTarget;
import org.facteur.lists.model.Role;

/**
 * Which addresses a login may send as on the submission ports, in the envelope and in the header alike: its own, an
 * alias that delivers to it (the recipient rewrite table), or a list it owns.
 */
public final class SenderOwnership {
    private final RecipientRewriteTable rewrites;
    private final ListService lists;

    @Inject
    public SenderOwnership(RecipientRewriteTable rewrites, ListService lists) {
        this.rewrites = rewrites;
        this.lists = lists;
    }

    /** Whether {@code login} may send as {@code address}; case is ignored. */
    public boolean owns(String login, String address) {
        String own = login.toLowerCase(Locale.ROOT);
        String candidate = address.toLowerCase(Locale.ROOT);
        return candidate.equals(own) || isAliasOf(own, candidate) || ownsList(own, candidate);
    }

    private boolean isAliasOf(String own, String address) {
        try {
            MailAddress alias = new MailAddress(address);
            return rewrites.getResolvedMappings(alias.getLocalPart(), alias.getDomain()).asStream()
                    .map(Mapping::asMailAddress).flatMap(Optional::stream)
                    .anyMatch(target -> target.asString().equalsIgnoreCase(own));
        } catch (Exception e) {
            // not an address James can resolve, or not an alias: not owned this way
            return false;
        }
    }

    private boolean ownsList(String own, String address) {
        return lists.resolve(address).flatMap(ListTarget::list)
                .flatMap(list -> lists.admin().member(list.address(), own))
                .map(member -> member.has(Role.OWNER))
                .orElse(false);
    }
}
