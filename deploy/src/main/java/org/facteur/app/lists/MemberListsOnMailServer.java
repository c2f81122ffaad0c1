package org.facteur.app.lists;

import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.lists.ListService;
import org.facteur.lists.MemberRequest;
import org.facteur.lists.ModerationDecision;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SubscribePolicy;
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
        MailingLists lists = lists().orElseThrow(() -> new IllegalStateException("The mail server is still starting."));
        ModerationDecision d;
        try {
            d = lists.moderate(member, key, approve, reason);
        } catch (MessagingException e) {
            throw new IllegalStateException("The decision was recorded but its mails could not be queued: " + e.getMessage(), e);
        }
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
                    who.has(Role.MODERATOR), Reception.valueOf(who.reception().name()));
        }).toList()).orElse(List.of());
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

    private interface Request {
        MemberRequest run(MailingLists lists) throws MessagingException;
    }

    private Answer answer(String list, Request request) {
        MailingLists lists = lists().orElseThrow(() -> new IllegalStateException("The mail server is still starting."));
        try {
            return new Answer(Result.valueOf(request.run(lists).outcome().name()), list);
        } catch (MessagingException e) {
            throw new IllegalStateException("The request was recorded but its mails could not be queued: " + e.getMessage(), e);
        }
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
