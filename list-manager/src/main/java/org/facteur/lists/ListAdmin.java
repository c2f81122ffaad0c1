package org.facteur.lists;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.HeaderText;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.ListStoreException;

/**
 * What the administrator does to lists (the admin API and {@code ./facteur admin list ...} call this). Names and
 * descriptions go into headers and one-line answers: a line break or a control character in them is refused with an
 * {@link IllegalArgumentException} whose message says which value is wrong.
 */
public final class ListAdmin {
    private final ListStore store;
    private final ListDirectory directory;
    private final long defaultMaxMessageBytes;

    ListAdmin(ListStore store, ListDirectory directory, long defaultMaxMessageBytes) {
        this.store = store;
        this.directory = directory;
        this.defaultMaxMessageBytes = defaultMaxMessageBytes;
    }

    /**
     * Creates a list. As in Sympa, owning or moderating a list does not make one a subscriber: only subscribers
     * receive posts. {@code subscribeOwner} makes the owner a subscriber too (what the admin command does unless
     * told not to); moderators are never subscribed here.
     */
    public MailingList create(String address, Preset preset, Locale language, String owner, boolean subscribeOwner,
            List<String> moderators) {
        MailingList list = MailingList.of(address, preset, language, defaultMaxMessageBytes);
        store.createList(list);
        Set<Role> ownerRoles = subscribeOwner ? Set.of(Role.OWNER, Role.SUBSCRIBER) : Set.of(Role.OWNER);
        store.saveMember(list.address(), new Member(owner, "", ownerRoles, org.facteur.lists.model.ReceptionMode.MAIL));
        for (String moderator : moderators) {
            Member member = store.findMember(list.address(), Addresses.normalize(moderator))
                    .orElse(new Member(moderator, "", java.util.Set.of(), org.facteur.lists.model.ReceptionMode.MAIL));
            store.saveMember(list.address(), member.withRole(Role.MODERATOR));
        }
        directory.reload();
        return list;
    }

    public void update(MailingList list) {
        HeaderText.requireOneLine(list.name(), "The list name");
        HeaderText.requireOneLine(list.description(), "The list description");
        store.updateList(list.withFooter(HeaderText.requireText(list.footer(), "The list footer")));
        directory.reload();
    }

    public Optional<MailingList> find(String address) {
        return store.findList(Addresses.normalize(address));
    }

    public MailingList get(String address) {
        return find(address).orElseThrow(() -> new ListStoreException.NotFound("There is no list " + address + "."));
    }

    public List<MailingList> lists() {
        return store.lists();
    }

    public void delete(String address) {
        if (!store.deleteList(Addresses.normalize(address))) {
            throw new ListStoreException.NotFound("There is no list " + address + ".");
        }
        directory.reload();
    }

    /** Adds a role to an address (a subscriber by default), keeping the roles it already has. */
    public Member addMember(String list, String address, String name, Role role) {
        HeaderText.requireOneLine(name, "A member's name");
        MailingList found = get(list);
        Member member = store.findMember(found.address(), Addresses.normalize(address))
                .map(m -> name == null || name.isBlank() ? m : m.withName(name))
                .orElse(new Member(address, name, java.util.Set.of(), org.facteur.lists.model.ReceptionMode.MAIL))
                .withRole(role);
        store.saveMember(found.address(), member);
        return member;
    }

    public void removeMember(String list, String address) {
        MailingList found = get(list);
        if (!store.removeMember(found.address(), Addresses.normalize(address))) {
            throw new ListStoreException.NotFound(address + " is not a member of " + found.address() + ".");
        }
    }

    public List<Member> members(String list) {
        return store.members(get(list).address());
    }

    /** A member's bounce score, last diagnostic and suspension; empty for an address that is not a member. */
    public Optional<MemberBounces> bounces(String list, String address) {
        return store.bounces(get(list).address(), Addresses.normalize(address));
    }

    /** One member of a list (with its roles), without loading the others. */
    public Optional<Member> member(String list, String address) {
        return store.findMember(get(list).address(), Addresses.normalize(address));
    }
}
