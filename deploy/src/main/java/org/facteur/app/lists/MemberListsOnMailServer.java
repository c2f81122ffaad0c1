package org.facteur.app.lists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.lists.ListService;
import org.facteur.lists.MemberRequest;
import org.facteur.lists.ModerationDecision;
import org.facteur.lists.OwnerActions;
import org.facteur.lists.OwnerRequest;
import org.facteur.lists.store.PendingRequest;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.lists.MailingLists;
import org.facteur.webmail.lists.MemberLists;
import org.springframework.stereotype.Component;

/**
 * The webmail's Lists pages on the mail server's list manager ({@link MailingLists}, the one behind the list robot and
 * {@code ./facteur admin list}): the same rules, for the logged-in member's own address. A moderator's decision here
 * and {@code DISTRIBUTE}/{@code REJECT} by mail are one code path, so whichever comes first wins.
 */
@Component
class MemberListsOnMailServer implements MemberLists {
    /** How much of a held post's text the page shows. */
    static final int PREVIEW_CHARS = 600;

    private final MailServerLifecycle mail;

    MemberListsOnMailServer(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<HeldPost> heldPosts(String member) {
        return lists().map(l -> l.heldPosts(member).stream()
                .map(p -> new HeldPost(p.key(), p.list(), p.sender(), p.subject(), p.heldAt(), ListService.textPreview(p, PREVIEW_CHARS)))
                .toList()).orElse(List.of());
    }

    @Override
    public Decision decide(String member, String key, boolean approve, String reason) {
        ModerationDecision d = sending(lists -> lists.moderate(member, key, approve, reason));
        String subject = d.post().map(org.facteur.lists.store.HeldPost::subject).orElse("");
        String list = d.post().map(org.facteur.lists.store.HeldPost::list).orElse("");
        Optional<String> by = d.post().flatMap(org.facteur.lists.store.HeldPost::decidedBy);
        Optional<java.time.Instant> at = d.post().flatMap(org.facteur.lists.store.HeldPost::decidedAt);
        return new Decision(outcome(d), subject, list, by, at);
    }

    @Override
    public List<Membership> memberships(String member) {
        return lists().map(l -> l.membershipsOf(member).stream().map(m -> {
            MailingList list = l.get(m.list());
            Member who = m.member();
            return new Membership(list.address(), list.name(), list.description(), who.has(Role.SUBSCRIBER), who.has(Role.OWNER),
                    who.has(Role.MODERATOR), Reception.valueOf(who.reception().name()), list.archive().keepsPosts());
        }).toList()).orElse(List.of());
    }

    @Override
    public List<OpenList> publicLists(String domain) {
        return lists().map(l -> l.publicLists(domain).stream()
                .map(list -> new OpenList(list.address(), list.name(), list.description(), Joining.CONFIRM_BY_MAIL))
                .toList()).orElse(List.of());
    }

    @Override
    public void requestSubscription(String list, String address, String name) {
        sending(lists -> {
            lists.requestSubscriptionFromWeb(list, address, name);
            return null;
        });
    }

    @Override
    public List<OpenList> openLists(String member) {
        return lists().map(l -> l.openToSubscription(member).stream()
                .map(list -> new OpenList(list.address(), list.name(), list.description(), joining(list.policies().subscribe())))
                .toList()).orElse(List.of());
    }

    @Override
    public Answer subscribe(String member, String list) {
        return answer(list, lists -> lists.subscribeAsMember(member, list));
    }

    @Override
    public Answer unsubscribe(String member, String list) {
        return answer(list, lists -> lists.unsubscribeAsMember(member, list));
    }

    @Override
    public Answer setReception(String member, String list, Reception mode) {
        return answer(list, lists -> lists.setReceptionAsMember(member, list, ReceptionMode.valueOf(mode.name())));
    }

    @Override
    public Optional<OwnerView> ownerView(String member, String list) {
        return lists().flatMap(l -> {
            OwnerActions owners = l.owners();
            return owners.owned(member, list).map(found -> new OwnerView(found.address(), found.name(),
                    owners.members(member, list).orElse(List.of()).stream().map(MemberListsOnMailServer::row).toList(),
                    owners.approvals(member, list).orElse(List.of()).stream()
                            .map(p -> new Approval(p.key(), p.kind() == PendingRequest.Kind.APPROVE_SUBSCRIBE, p.address(), p.name(),
                                    p.createdAt()))
                            .toList(), settings(found)));
        });
    }

    private static ListSettings settings(MailingList list) {
        return new ListSettings(list.name(), list.description(), SubscribeRule.valueOf(list.policies().subscribe().name()),
                UnsubscribeRule.valueOf(list.policies().unsubscribe().name()), SendRule.valueOf(list.policies().send().name()),
                ReplyTo.valueOf(list.replyTo().name()), Archive.valueOf(list.archive().name()));
    }

    /** Through {@link MailingLists#set}, the administration's own checks, once the list manager says she owns the list. */
    @Override
    public OwnerResult changeSettings(String member, String list, ListSettings s) {
        MailingLists lists = server();
        Optional<MailingList> owned = lists.owners().owned(member, list);
        if (owned.isEmpty()) {
            return OwnerResult.FORBIDDEN;
        }
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("name", s.name());
        changes.put("description", s.description());
        changes.put("subscribe", value(s.subscribe()));
        changes.put("unsubscribe", value(s.unsubscribe()));
        changes.put("send", value(s.send()));
        changes.put("reply-to", value(s.replyTo()));
        changes.put("archive", value(s.archive()));
        try {
            lists.set(owned.get().address(), changes);
            return OwnerResult.DONE;
        } catch (AdminException e) {
            return OwnerResult.INVALID_SETTING;
        }
    }

    private static String value(Enum<?> choice) {
        return choice.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static MemberRow row(Member m) {
        return new MemberRow(m.address(), m.name(), m.has(Role.SUBSCRIBER), m.has(Role.OWNER), m.has(Role.MODERATOR),
                Reception.valueOf(m.reception().name()));
    }

    @Override
    public OwnerResult addMember(String member, String list, String address, String name) {
        return asOwner(owners -> owners.add(member, list, address, name));
    }

    @Override
    public OwnerResult removeMember(String member, String list, String address) {
        return asOwner(owners -> owners.remove(member, list, address));
    }

    @Override
    public OwnerResult decideRequest(String member, String list, String key, boolean approve, String reason) {
        return asOwner(owners -> owners.decide(member, list, key, approve, reason));
    }

    @Override
    public Optional<List<ImportRow>> importMembers(String member, String list, String csv) {
        return sending(lists -> lists.importAsOwner(member, list, csv)).map(report -> report.lines().stream()
                .map(line -> new ImportRow(line.number(), line.address(), result(line.outcome()))).toList());
    }

    private OwnerResult asOwner(java.util.function.Function<OwnerActions, OwnerRequest> action) {
        return result(sending(lists -> lists.asOwner(action)).outcome());
    }

    private static OwnerResult result(OwnerRequest.Outcome outcome) {
        return outcome == OwnerRequest.Outcome.NOT_OWNER ? OwnerResult.FORBIDDEN : OwnerResult.valueOf(outcome.name());
    }

    private MailingLists server() {
        return lists().orElseThrow(() -> new IllegalStateException("The mail server is still starting."));
    }

    /** A change on the list manager that sends mails (queued by the mail server once the change is recorded). */
    private interface Sending<T> {
        T run(MailingLists lists) throws MessagingException;
    }

    private <T> T sending(Sending<T> change) {
        try {
            return change.run(server());
        } catch (MessagingException e) {
            throw new IllegalStateException("The change was recorded but its mails could not be queued: " + e.getMessage(), e);
        }
    }

    private Answer answer(String list, Sending<MemberRequest> request) {
        return new Answer(Result.valueOf(sending(request).outcome().name()), list);
    }

    private static Joining joining(SubscribePolicy policy) {
        return switch (policy) {
            case OPEN -> Joining.AT_ONCE;
            case CONFIRM -> Joining.CONFIRM_BY_MAIL;
            case CONFIRM_THEN_OWNER -> Joining.CONFIRM_THEN_OWNERS;
            case OWNER, CLOSED -> Joining.OWNERS_APPROVE; // closed lists are never offered
        };
    }

    private static Outcome outcome(ModerationDecision d) {
        return switch (d.outcome()) {
            case DISTRIBUTED -> Outcome.DISTRIBUTED;
            case REJECTED -> Outcome.REJECTED;
            case UNKNOWN_KEY -> Outcome.UNKNOWN;
            case NOT_MODERATOR -> Outcome.FORBIDDEN;
            case ALREADY_HANDLED -> switch (d.post().orElseThrow().status()) {
                case DISTRIBUTED -> Outcome.ALREADY_DISTRIBUTED;
                case REJECTED -> Outcome.ALREADY_REJECTED;
                case CANCELLED -> Outcome.ALREADY_WITHDRAWN;
                case EXPIRED -> Outcome.ALREADY_EXPIRED;
                case PENDING -> Outcome.UNKNOWN; // not decided, yet refused: cannot happen with a compare-and-set store
            };
        };
    }

    private Optional<MailingLists> lists() {
        return mail.server().map(server -> server.lists());
    }
}
