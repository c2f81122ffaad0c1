package org.facteur.lists;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.model.UnsubscribePolicy;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.PendingRequest;
import org.facteur.lists.store.PendingRequest.Kind;

/** Joining and leaving lists under their policies: double opt-in, owner approval, confirmation keys. */
final class Subscriptions {
    private final ListStore store;
    private final ListSettings settings;
    private final Clock clock;
    private final RobotQuota quota;

    Subscriptions(ListStore store, ListSettings settings, Clock clock, RobotQuota quota) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.quota = quota;
    }

    void subscribe(CommandContext ctx, MailingList list, String name) {
        ListMails mails = new ListMails(list);
        String address = ctx.sender();
        Optional<Member> existing = store.findMember(list.address(), address);
        if (existing.map(m -> m.has(Role.SUBSCRIBER)).orElse(false)) {
            ctx.replies().line(mails.texts().get("sub.already", list.address()));
            return;
        }
        switch (list.policies().subscribe()) {
            case OPEN -> {
                addSubscriber(list, address, name);
                ctx.replies().mail(mails.welcome(address));
            }
            case CONFIRM, CONFIRM_THEN_OWNER -> requestConfirmation(ctx, list, Kind.CONFIRM_SUBSCRIBE, address, name, address);
            case OWNER -> askOwners(ctx.replies(), ctx.sender(), list, Kind.APPROVE_SUBSCRIBE, address, name);
            case CLOSED -> ctx.replies().line(mails.texts().get("sub.closed", list.address()));
        }
    }

    /**
     * A subscription asked for on the public web page, for an address nobody authenticated: whatever the list's policy
     * among those {@link #openToTheWeb}, the address must first confirm by mail (double opt-in; on a
     * {@code CONFIRM_THEN_OWNER} list the owners approve after). Nothing is sent to a subscriber, to an address whose
     * request is still open, or past the robot's confirmation limit for that address; the page says the same thing in
     * every case, so it tells nobody who is subscribed.
     */
    Optional<OutgoingMail> requestFromWeb(MailingList list, String address, String name) {
        if (!openToTheWeb(list) || store.findMember(list.address(), address).map(m -> m.has(Role.SUBSCRIBER)).orElse(false)
                || store.findOpenPending(list.address(), address, Kind.CONFIRM_SUBSCRIBE, clock.instant()).isPresent()
                || !quota.allowsRequest(address)) {
            return Optional.empty();
        }
        return Optional.of(new ListMails(list).confirmation(open(list, Kind.CONFIRM_SUBSCRIBE, address, name, address), address,
                null, clock.getZone()));
    }

    /** Lists anyone may ask to join from the public web page: those whose members join by confirming their address. */
    static boolean openToTheWeb(MailingList list) {
        SubscribePolicy policy = list.policies().subscribe();
        return policy == SubscribePolicy.OPEN || policy == SubscribePolicy.CONFIRM || policy == SubscribePolicy.CONFIRM_THEN_OWNER;
    }

    void unsubscribe(CommandContext ctx, MailingList list) {
        ListMails mails = new ListMails(list);
        String address = ctx.sender();
        if (!store.findMember(list.address(), address).map(m -> m.has(Role.SUBSCRIBER)).orElse(false)) {
            ctx.replies().line(mails.texts().get("unsub.not-member", list.address()));
            return;
        }
        switch (list.policies().unsubscribe()) {
            case OPEN -> {
                removeSubscriber(list, address);
                ctx.replies().mail(mails.goodbye(address));
            }
            case CONFIRM -> requestConfirmation(ctx, list, Kind.CONFIRM_UNSUBSCRIBE, address, "", address);
            case OWNER -> askOwners(ctx.replies(), ctx.sender(), list, Kind.APPROVE_UNSUBSCRIBE, address, "");
        }
    }

    /**
     * A one-click unsubscription (RFC 8058) of a subscriber named by its token. Holding the token proves the mailbox as a
     * confirmation key does (it reached only that member), so lists whose policy is {@code open} or {@code confirm} let
     * the member go at once, with the goodbye mail; {@code owner} lists ask the owners, as for {@code UNSUB}.
     *
     * @return true when the member left now, false when the owners were asked
     */
    boolean unsubscribeWithToken(Replies replies, MailingList list, String address) {
        if (list.policies().unsubscribe() == UnsubscribePolicy.OWNER) {
            askOwners(replies, address, list, Kind.APPROVE_UNSUBSCRIBE, address, "");
            return false;
        }
        if (removeSubscriber(list, address)) {
            replies.mail(new ListMails(list).goodbye(address));
        }
        return true;
    }

    /** An owner's ADD/DEL by mail: done at once when the owner logged in, else confirmed by the owner's mailbox. */
    void ownerChange(CommandContext ctx, MailingList list, Kind kind, String address, String name) {
        if (ctx.senderIsAuthenticated()) {
            apply(ctx, list, kind == Kind.CONFIRM_ADD ? Kind.APPROVE_SUBSCRIBE : Kind.APPROVE_UNSUBSCRIBE, address, name);
            return;
        }
        requestConfirmation(ctx, list, kind, address, name, ctx.sender());
    }

    /**
     * Asks {@code confirmer} to confirm by mail. When that address already received its share of requests (a forged
     * From: sending SUB after SUB), nothing is sent, nothing is kept, and no line is added: any answer would go to
     * the same address.
     */
    private void requestConfirmation(CommandContext ctx, MailingList list, Kind kind, String address, String name, String confirmer) {
        if (!quota.allowsRequest(confirmer)) {
            return;
        }
        ctx.replies().request(new ListMails(list).confirmation(open(list, kind, address, name, confirmer), confirmer,
                ctx.mail().message(), clock.getZone()));
    }

    void confirm(CommandContext ctx, String key) {
        Optional<PendingRequest> found = store.findPending(key.toLowerCase(java.util.Locale.ROOT));
        if (found.isEmpty()) {
            ctx.replies().line(ctx.texts().get("confirm.unknown", key));
            return;
        }
        PendingRequest request = found.get();
        Optional<MailingList> list = store.findList(request.list());
        if (list.isEmpty()) {
            ctx.replies().line(ctx.texts().get("confirm.unknown", key));
            return;
        }
        ListMails mails = new ListMails(list.get());
        if (request.status() != PendingRequest.Status.PENDING) {
            ctx.replies().line(mails.texts().get("confirm.already", key, request.decidedBy().orElse("?")));
            return;
        }
        if (request.isExpired(clock.instant())) {
            ctx.replies().line(mails.texts().get("confirm.expired", key));
            return;
        }
        if (!mayAnswer(request, ctx.sender())) {
            ctx.replies().line(mails.texts().get("confirm.wrong-address", key));
            return;
        }
        if (!store.resolve(request.key(), PendingRequest.Status.DONE, ctx.sender())) {
            PendingRequest now = store.findPending(request.key()).orElse(request);
            ctx.replies().line(mails.texts().get("confirm.already", key, now.decidedBy().orElse("?")));
            return;
        }
        if (request.kind() == Kind.CONFIRM_SUBSCRIBE && list.get().policies().subscribe() == SubscribePolicy.CONFIRM_THEN_OWNER) {
            askOwners(ctx.replies(), ctx.sender(), list.get(), Kind.APPROVE_SUBSCRIBE, request.address(), request.name());
            return;
        }
        if (request.kind().name().startsWith("APPROVE")) {
            tellOtherOwners(ctx, list.get(), "approval.decided", request, "approved");
        }
        apply(ctx, list.get(), request.kind(), request.address(), request.name());
    }

    /** An owner refuses a subscription change ({@code REJECT list key}); false when the key is not such a request. */
    boolean refuse(CommandContext ctx, MailingList list, String key, String reason) {
        Optional<PendingRequest> found = store.findPending(key.toLowerCase(java.util.Locale.ROOT))
                .filter(p -> p.list().equals(list.address()) && p.kind().name().startsWith("APPROVE"));
        if (found.isEmpty()) {
            return false;
        }
        PendingRequest request = found.get();
        ListMails mails = new ListMails(list);
        if (!isOwner(list, ctx.sender())) {
            ctx.replies().line(mails.texts().get("owner.only", list.address()));
        } else if (request.status() != PendingRequest.Status.PENDING
                || !store.resolve(request.key(), PendingRequest.Status.REJECTED, ctx.sender())) {
            PendingRequest now = store.findPending(request.key()).orElse(request);
            ctx.replies().line(mails.texts().get("confirm.already", key, now.decidedBy().orElse("?")));
        } else {
            ctx.replies().line(mails.texts().get("approval.refused", request.address()));
            ctx.replies().mail(mails.to(request.address(), mails.texts().get("refused.subject", list.name()),
                    mails.texts().get("refused.body", list.address(), reason.isBlank() ? "-" : reason), null, null));
            tellOtherOwners(ctx, list, "approval.decided", request, "refused");
        }
        return true;
    }

    private void apply(CommandContext ctx, MailingList list, Kind kind, String address, String name) {
        ListMails mails = new ListMails(list);
        switch (kind) {
            case CONFIRM_SUBSCRIBE, APPROVE_SUBSCRIBE, CONFIRM_ADD -> {
                addSubscriber(list, address, name);
                ctx.replies().mail(mails.welcome(address));
                if (!address.equals(ctx.sender())) {
                    ctx.replies().line(mails.texts().get("member.added", address, list.address()));
                }
            }
            case CONFIRM_UNSUBSCRIBE, APPROVE_UNSUBSCRIBE, CONFIRM_DEL -> {
                if (removeSubscriber(list, address)) {
                    ctx.replies().mail(mails.goodbye(address));
                }
                if (!address.equals(ctx.sender())) {
                    ctx.replies().line(mails.texts().get("member.removed", address, list.address()));
                }
            }
        }
    }

    /**
     * Owners get one approval request per address and action: repeating the request does not spam them. Requests
     * count against each owner's quota like confirmations, so that many forged addresses cannot flood the owners.
     */
    private void askOwners(Replies replies, String sender, MailingList list, Kind kind, String address, String name) {
        ListMails mails = new ListMails(list);
        Optional<PendingRequest> open = store.findOpenPending(list.address(), address, kind, clock.instant());
        if (open.isEmpty()) {
            PendingRequest request = open(list, kind, address, name, "");
            for (String owner : owners(list)) {
                if (quota.allowsRequest(owner)) {
                    replies.request(mails.approvalRequest(request, owner));
                }
            }
        }
        String line = mails.texts().get("sub.awaiting-owner", list.address());
        if (sender.equals(address)) {
            replies.line(line);
        } else {
            replies.mail(mails.to(address, mails.texts().get("awaiting.subject", list.name()), line, null, null));
        }
    }

    private void tellOtherOwners(CommandContext ctx, MailingList list, String textKey, PendingRequest request, String outcome) {
        ListMails mails = new ListMails(list);
        for (String owner : owners(list)) {
            if (!owner.equals(ctx.sender())) {
                ctx.replies().mail(mails.to(owner, mails.texts().get("decided.subject", list.name()),
                        mails.texts().get(textKey, ctx.sender(), mails.texts().get("outcome." + outcome), request.address()), null, null));
            }
        }
    }

    private PendingRequest open(MailingList list, Kind kind, String address, String name, String confirmer) {
        Instant now = clock.instant();
        PendingRequest request = PendingRequest.pending(Keys.next(), kind, list.address(), address, name, confirmer, now,
                now.plus(settings.confirmationTtl()));
        store.savePending(request);
        return request;
    }

    private boolean mayAnswer(PendingRequest request, String sender) {
        return request.confirmer().isEmpty() ? isOwner(store.findList(request.list()).orElseThrow(), sender)
                : request.confirmer().equals(sender);
    }

    boolean isOwner(MailingList list, String address) {
        return store.findMember(list.address(), address).map(m -> m.has(Role.OWNER)).orElse(false);
    }

    List<String> owners(MailingList list) {
        return store.members(list.address()).stream().filter(m -> m.has(Role.OWNER)).map(Member::address).toList();
    }

    private void addSubscriber(MailingList list, String address, String name) {
        Member member = store.findMember(list.address(), address)
                .map(m -> m.withRole(Role.SUBSCRIBER).withName(name.isBlank() ? m.name() : name))
                .orElse(Member.subscriber(address, name));
        store.saveMember(list.address(), member);
    }

    /** Takes the subscriber role away (the member stays when it holds another); false when not subscribed. */
    boolean removeSubscriber(MailingList list, String address) {
        Optional<Member> member = store.findMember(list.address(), address);
        if (member.isEmpty() || !member.get().has(Role.SUBSCRIBER)) {
            return false;
        }
        Member without = member.get().withoutRole(Role.SUBSCRIBER);
        if (without.roles().isEmpty()) {
            store.removeMember(list.address(), address);
        } else {
            store.saveMember(list.address(), without);
        }
        return true;
    }
}
