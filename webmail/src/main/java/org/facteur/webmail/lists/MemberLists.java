package org.facteur.webmail.lists;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The mailing lists as the logged-in member's Lists pages need them: a port, implemented where the lists live
 * (Facteur's {@code deploy} adapts the mail server's list manager). The member is always the session's address; what
 * she may do is decided behind the port, the same way as for her commands by mail.
 */
public interface MemberLists {
    /** False when this server runs no lists (the webmail on its own). */
    boolean available();

    /** The posts held for moderation on the lists she owns or moderates, oldest first. */
    List<HeldPost> heldPosts(String member);

    /**
     * Approves ({@code approve}) or rejects the held post with this key, as {@code DISTRIBUTE}/{@code REJECT} by mail
     * would: the first decision wins, by mail or here.
     */
    Decision decide(String member, String key, boolean approve, String reason);

    /** The lists she holds a role on, sorted by address. */
    List<Membership> memberships(String member);

    /** The lists of her domain she may ask to join and is not subscribed to, sorted by address. */
    List<OpenList> openLists(String member);

    /**
     * The lists of {@code domain} anyone may ask to join from the public page (their members confirm their address by
     * mail), sorted by address; empty for a domain with none.
     */
    List<OpenList> publicLists(String domain);

    /**
     * Someone on the public page asks that {@code address} join {@code list}: a confirmation request goes to that address
     * when one is due (double opt-in, within the robot's limits); nothing says whether one went, so the page tells nobody
     * who is subscribed.
     */
    void requestSubscription(String list, String address, String name);

    /** Asks to join, as {@code SUB} from her mailbox would: the list's policy decides what happens. */
    Answer subscribe(String member, String list);

    /** Asks to leave, as {@code UNSUB} from her mailbox would. */
    Answer unsubscribe(String member, String list);

    /** Changes how she receives the list's posts, as {@code SET list MODE} would. */
    Answer setReception(String member, String list, Reception mode);

    /** Her list's members and the requests waiting for an owner; empty when she does not own the list. */
    Optional<OwnerView> ownerView(String member, String list);

    /** Subscribes an address to her list, as {@code ADD} by mail (a welcome mail goes to it). */
    OwnerResult addMember(String member, String list, String address, String name);

    /** Unsubscribes an address from her list, as {@code DEL} by mail. */
    OwnerResult removeMember(String member, String list, String address);

    /** Adds the addresses of a CSV text, one per line; each line reported. Empty when she does not own the list. */
    Optional<List<ImportRow>> importMembers(String member, String list, String csv);

    /** Approves or refuses a request waiting for an owner, as {@code CONFIRM}/{@code REJECT} by mail: the first owner wins. */
    OwnerResult decideRequest(String member, String list, String key, boolean approve, String reason);

    /** Changes her list's main settings, as {@code ./facteur admin list set} would. */
    OwnerResult changeSettings(String member, String list, ListSettings settings);

    /** What an owner's page shows. */
    record OwnerView(String list, String name, List<MemberRow> members, List<Approval> approvals, ListSettings settings) {
    }

    /** The settings an owner changes on the web: the list's name and description and its main policies. */
    record ListSettings(String name, String description, SubscribeRule subscribe, UnsubscribeRule unsubscribe, SendRule send,
            ReplyTo replyTo, Archive archive) {
    }

    enum SubscribeRule { OPEN, CONFIRM, CONFIRM_THEN_OWNER, OWNER, CLOSED }

    enum UnsubscribeRule { OPEN, CONFIRM, OWNER }

    enum SendRule { PUBLIC, MEMBERS, MEMBERS_OTHERS_MODERATED, MODERATED, NEWSLETTER }

    enum ReplyTo { SENDER, LIST }

    enum Archive { OFF, MEMBERS, PUBLIC }

    record MemberRow(String address, String name, boolean subscriber, boolean owner, boolean moderator, Reception reception) {
    }

    /** A request waiting for an owner: to join ({@code subscribe}) or to leave. */
    record Approval(String key, boolean subscribe, String address, String name, Instant askedAt) {
    }

    /** One line of an import and what became of it. */
    record ImportRow(int line, String address, OwnerResult result) implements java.io.Serializable {
    }

    enum OwnerResult {
        DONE,
        ALREADY_MEMBER,
        NOT_MEMBER,
        INVALID_ADDRESS,
        DUPLICATE_LINE,
        BEYOND_LIMIT,
        ALREADY_DECIDED,
        UNKNOWN_REQUEST,
        /** A setting's value was refused (a name with a line break...): nothing changed. */
        INVALID_SETTING,
        /** She does not own the list: nothing changed. */
        FORBIDDEN
    }

    /**
     * Her place on one list. {@code reception} means something only when she is a subscriber; {@code archived}: the list
     * keeps an archive (members' or public), which its members may read.
     */
    record Membership(String list, String name, String description, boolean subscriber, boolean owner, boolean moderator,
            Reception reception, boolean archived) {
    }

    /** A list she may ask to join, and what joining takes. */
    record OpenList(String list, String name, String description, Joining joining) {
    }

    /** What the Subscribe button leads to, from the list's subscription policy. */
    enum Joining {
        AT_ONCE,
        CONFIRM_BY_MAIL,
        CONFIRM_THEN_OWNERS,
        OWNERS_APPROVE
    }

    /** How a subscriber receives posts: each one, all but her own, a MIME or plain-text digest, or nothing. */
    enum Reception {
        MAIL,
        NOT_ME,
        DIGEST,
        DIGESTPLAIN,
        NOMAIL
    }

    /** What a request of hers came to, on which list. */
    record Answer(Result result, String list) {
    }

    enum Result {
        DONE,
        ALREADY,
        CONFIRMATION_SENT,
        OWNERS_ASKED,
        CLOSED,
        NOT_SUBSCRIBED,
        TOO_MANY_REQUESTS,
        UNKNOWN_LIST
    }

    /** A held post; {@code preview} is the start of its words as plain text (markup removed), never its HTML. */
    record HeldPost(String key, String list, String sender, String subject, Instant heldAt, String preview) {
    }

    /** What a decision came to; {@code decidedBy} and {@code decidedAt} say who was first when it was already handled. */
    record Decision(Outcome outcome, String subject, String list, Optional<String> decidedBy, Optional<Instant> decidedAt) {
    }

    enum Outcome {
        DISTRIBUTED,
        REJECTED,
        ALREADY_DISTRIBUTED,
        ALREADY_REJECTED,
        ALREADY_WITHDRAWN,
        ALREADY_EXPIRED,
        /** No held post has this key (any more). */
        UNKNOWN,
        /** She neither owns nor moderates the post's list. */
        FORBIDDEN
    }
}
