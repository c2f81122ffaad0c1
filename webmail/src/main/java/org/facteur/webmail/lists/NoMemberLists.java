package org.facteur.webmail.lists;

import java.util.List;
import java.util.Optional;

/** Used when no list manager is wired in (the webmail on its own): the Lists page says lists are not run here. */
final class NoMemberLists implements MemberLists {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public List<HeldPost> heldPosts(String member) {
        return List.of();
    }

    @Override
    public Decision decide(String member, String key, boolean approve, String reason) {
        return new Decision(Outcome.UNKNOWN, "", "", Optional.empty(), Optional.empty());
    }

    @Override
    public List<Membership> memberships(String member) {
        return List.of();
    }

    @Override
    public List<OpenList> openLists(String member) {
        return List.of();
    }

    @Override
    public List<OpenList> publicLists(String domain) {
        return List.of();
    }

    @Override
    public void requestSubscription(String list, String address, String name) {
    }

    @Override
    public Answer subscribe(String member, String list) {
        return new Answer(Result.UNKNOWN_LIST, list);
    }

    @Override
    public Answer unsubscribe(String member, String list) {
        return new Answer(Result.UNKNOWN_LIST, list);
    }

    @Override
    public Answer setReception(String member, String list, Reception mode) {
        return new Answer(Result.UNKNOWN_LIST, list);
    }

    @Override
    public Optional<OwnerView> ownerView(String member, String list) {
        return Optional.empty();
    }

    @Override
    public OwnerResult addMember(String member, String list, String address, String name) {
        return OwnerResult.FORBIDDEN;
    }

    @Override
    public OwnerResult removeMember(String member, String list, String address) {
        return OwnerResult.FORBIDDEN;
    }

    @Override
    public Optional<List<ImportRow>> importMembers(String member, String list, String csv) {
        return Optional.empty();
    }

    @Override
    public OwnerResult decideRequest(String member, String list, String key, boolean approve, String reason) {
        return OwnerResult.FORBIDDEN;
    }

    @Override
    public OwnerResult changeSettings(String member, String list, ListSettings settings) {
        return OwnerResult.FORBIDDEN;
    }
}
