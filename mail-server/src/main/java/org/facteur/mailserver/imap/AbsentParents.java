package org.facteur.mailserver.imap;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * The levels of the hierarchy that LIST shows although no mailbox has their name: the parent of a mailbox, left when
 * the parent was deleted (RFC 3501 §6.3.4 lets DELETE keep its children) or never made (RENAME to a new level). RFC
 * 3501 §6.3.8 returns such a level with {@code \Noselect} when a pattern matches it, and RFC 5258 §3 with
 * {@code \NonExistent} in an extended LIST; James listed only mailboxes that exist, so a client walking the tree with
 * {@code %} (mutt's folder browser) never reached the children. Dovecot lists them the same way.
 */
final class AbsentParents {
    private AbsentParents() {
    }

    /**
     * The absent parents of {@code children} that {@code matches} selects, in name order: each with
     * {@code \HasChildren}, {@code \Noselect} in a plain LIST and {@code \NonExistent} in an extended one.
     */
    static List<ListResponse> of(Collection<MailboxPath> children, Set<MailboxPath> existing, char delimiter,
                                 Predicate<MailboxPath> matches, boolean extended, Predicate<MailboxPath> subscribed) {
        return absent(children, existing, delimiter, matches).stream()
                .map(path -> base(path, delimiter, extended)
                        .children(MailboxMetaData.Children.HAS_CHILDREN)
                        .returnSubscribed(subscribed.test(path))
                        .build())
                .toList();
    }

    /**
     * For {@code LIST (SUBSCRIBED RECURSIVEMATCH)} (RFC 5258 §3.5): the absent parents of subscribed names that are
     * not subscribed themselves, with {@code \NonExistent} and {@code CHILDINFO ("SUBSCRIBED")}.
     */
    static List<ListResponse> ofSubscriptions(Collection<MailboxPath> subscriptions, Set<MailboxPath> existing,
                                              char delimiter, Predicate<MailboxPath> matches) {
        Set<MailboxPath> subscribed = Set.copyOf(subscriptions);
        return absent(subscriptions, existing, delimiter, matches.and(path -> !subscribed.contains(path))).stream()
                .map(path -> base(path, delimiter, true)
                        .children(MailboxMetaData.Children.CHILDREN_ALLOWED_BUT_UNKNOWN)
                        .childInfos(ListResponse.ChildInfo.SUBSCRIBED)
                        .build())
                .toList();
    }

    private static Collection<MailboxPath> absent(Collection<MailboxPath> children, Set<MailboxPath> existing,
                                                  char delimiter, Predicate<MailboxPath> matches) {
        TreeMap<String, MailboxPath> byName = new TreeMap<>();
        for (MailboxPath child : children) {
            for (MailboxPath parent : child.getParents(delimiter)) {
                if (!parent.getName().isEmpty() && !existing.contains(parent) && matches.test(parent)) {
                    byName.putIfAbsent(parent.getName(), parent);
                }
            }
        }
        return byName.values();
    }

    private static ListResponse.Builder base(MailboxPath path, char delimiter, boolean extended) {
        return ListResponse.builder()
                .name(path.getName())
                .hierarchyDelimiter(delimiter)
                .selectability(extended ? MailboxMetaData.Selectability.NONE : MailboxMetaData.Selectability.NOSELECT)
                .returnNonExistent(extended)
                .mailboxType(MailboxType.OTHER);
    }
}
