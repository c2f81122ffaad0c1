package org.facteur.lists;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.VerpAddress;
import org.facteur.lists.store.ListStore;

/**
 * Answers "is this recipient a list address?" from memory, because the mail server asks it for every recipient
 * of every message (10,000 times for a post to a 10,000-member list). Changes made through this node are seen at
 * once; other nodes' changes within {@code refresh}.
 */
final class ListDirectory {
    private static final String[] SUFFIXES = {"request", "owner", "subscribe", "unsubscribe"};

    private final ListStore store;
    private final ListSettings settings;
    private final Clock clock;
    private volatile Map<String, MailingList> lists = Map.of();
    private volatile Instant loadedAt = Instant.MIN;

    ListDirectory(ListStore store, ListSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    void reload() {
        lists = store.lists().stream().collect(Collectors.toUnmodifiableMap(MailingList::address, Function.identity()));
        loadedAt = clock.instant();
    }

    Optional<MailingList> find(String address) {
        refreshIfStale();
        return Optional.ofNullable(lists.get(address.toLowerCase(Locale.ROOT)));
    }

    Optional<ListTarget> resolve(String recipient) {
        if (!Addresses.isValid(recipient)) {
            return Optional.empty();
        }
        String address = Addresses.normalize(recipient);
        String local = Addresses.localPart(address);
        String domain = Addresses.domain(address);
        Optional<MailingList> posting = find(address);
        if (posting.isPresent()) {
            return Optional.of(new ListTarget(ListTarget.Kind.POST, posting, domain));
        }
        Optional<VerpAddress> verp = VerpAddress.parse(address);
        if (verp.isPresent()) {
            return find(verp.get().listAddress()).map(list -> new ListTarget(ListTarget.Kind.BOUNCE, Optional.of(list), domain));
        }
        for (String suffix : SUFFIXES) {
            if (local.endsWith("-" + suffix)) {
                Optional<MailingList> list = find(local.substring(0, local.length() - suffix.length() - 1) + "@" + domain);
                if (list.isPresent()) {
                    return Optional.of(new ListTarget(kind(suffix), list, domain));
                }
            }
        }
        if (local.equals(settings.robotLocalPart())) {
            return Optional.of(new ListTarget(ListTarget.Kind.ROBOT, Optional.empty(), domain));
        }
        return Optional.empty();
    }

    private static ListTarget.Kind kind(String suffix) {
        return switch (suffix) {
            case "request" -> ListTarget.Kind.REQUEST;
            case "owner" -> ListTarget.Kind.OWNER;
            case "subscribe" -> ListTarget.Kind.SUBSCRIBE;
            default -> ListTarget.Kind.UNSUBSCRIBE;
        };
    }

    private void refreshIfStale() {
        if (loadedAt.plus(settings.directoryRefresh()).isBefore(clock.instant())) {
            reload();
        }
    }
}
