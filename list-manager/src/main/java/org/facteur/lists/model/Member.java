package org.facteur.lists.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** One address on one list, with its roles and how it receives posts. The name is kept on one line. */
public record Member(String address, String name, Set<Role> roles, ReceptionMode reception) {
    public Member {
        address = Addresses.normalize(address);
        name = HeaderText.oneLine(name);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(reception, "reception");
    }

    public static Member subscriber(String address, String name) {
        return new Member(address, name, Set.of(Role.SUBSCRIBER), ReceptionMode.MAIL);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether copies of posts go to this address: only subscribers receive them (owners and moderators too only
     * when they subscribed), in {@code MAIL} or {@code NOT_ME} mode (the latter skips their own posts).
     */
    public boolean receivesPosts() {
        return has(Role.SUBSCRIBER) && (reception == ReceptionMode.MAIL || reception == ReceptionMode.NOT_ME);
    }

    /** Owners and moderators decide on held posts. */
    public boolean canModerate() {
        return has(Role.OWNER) || has(Role.MODERATOR);
    }

    public Member withRole(Role role) {
        EnumSet<Role> updated = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        updated.add(role);
        return new Member(address, name, updated, reception);
    }

    public Member withoutRole(Role role) {
        EnumSet<Role> updated = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        updated.remove(role);
        return new Member(address, name, updated, reception);
    }

    public Member withReception(ReceptionMode mode) {
        return new Member(address, name, roles, mode);
    }

    public Member withName(String newName) {
        return new Member(address, newName, roles, reception);
    }
}
