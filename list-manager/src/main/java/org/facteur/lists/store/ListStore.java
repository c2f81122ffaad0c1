package org.facteur.lists.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;

/**
 * Where lists, members, held posts, pending requests and the robot's send quotas live. Every implementation passes
 * {@code ListStoreContract}. Decisions are compare-and-set, so that when two moderators answer at once
 * exactly one wins, on one node or many.
 */
public interface ListStore {

    /** @throws ListStoreException.Conflict when the list exists */
    void createList(MailingList list);

    void updateList(MailingList list);

    Optional<MailingList> findList(String address);

    List<MailingList> lists();

    /** Removes the list with its members, held posts, pending requests, posts waiting for its digest and
     * its archive. */
    boolean deleteList(String address);

    /** Adds or replaces a member. @throws ListStoreException.NotFound when the list does not exist */
    void saveMember(String list, Member member);

    Optional<Member> findMember(String list, String address);

    List<Member> members(String list);

    boolean removeMember(String list, String address);

    /**
     * The token of every member of the list, by address. A member gets a random {@code MemberToken} when added; members
     * stored before tokens existed get theirs here, once (concurrent callers, on one node or many, agree on it).
     */
    Map<String, String> memberTokens(String list);

    /** The member whose token this is, on its list; empty for a token nobody holds (never made, or member removed). */
    Optional<Membership> findByToken(String token);

    /** The member's bounce score, last diagnostic and suspension; empty when there is no such member. */
    Optional<MemberBounces> bounces(String list, String address);

    /**
     * Records a counted failure, in one transaction: the score becomes {@code next} with this diagnostic only if it is
     * still {@code expected} (compare-and-set: two bounces at once count once per day, on one node or many); when
     * {@code suspendAt} is present the member's delivery is suspended too, unless it already is or the member receives
     * nothing ({@code NOMAIL}): the reception becomes {@code NOMAIL}, the former mode kept to be given back.
     */
    BounceCount countBounce(String list, String address, BounceScore expected, BounceScore next, String diagnostic,
            Optional<Instant> suspendAt);

    /** The members suspended for bounces, on every list. */
    List<Membership> suspendedMembers();

    /** The list's members with bounce points or a suspension, by address, each with what is kept of their bounces. */
    List<BouncingMember> bouncingMembers(String list);

    /**
     * Claims the bounce summary of the week starting on {@code monday} for the list: true for the one caller (on one
     * node or many) that moves the list's last summarised week forward to it, false when it was summarised already.
     */
    boolean claimBounceSummary(String list, LocalDate monday);

    /**
     * Marks a suspended, not yet probed member as probed at {@code at} with a new probe token (the VERP detail of the
     * probe's envelope sender); empty when the member is not suspended or was probed already (another caller won).
     */
    Optional<String> startProbe(String list, String address, Instant at);

    /** The member whose probe has this token; empty once the probe is over. */
    Optional<Membership> findByProbeToken(String token);

    /** Gives a suspended member the reception mode they had and a clean score; false when not suspended (another caller won). */
    boolean resume(String list, String address);

    /** Clears the member's bounce score and diagnostic (the member asked for mail again: {@code SET list MAIL}). */
    void clearBounces(String list, String address);

    /** The lists on which this address holds any role, sorted. */
    List<String> listsOf(String address);

    void hold(HeldPost post);

    Optional<HeldPost> findHeld(String key);

    Optional<HeldPost> findHeldByCancelKey(String cancelKey);

    List<HeldPost> pendingPosts(String list);

    /** Pending posts held before this instant, on every list. */
    List<HeldPost> pendingPostsHeldBefore(Instant instant);

    /** Moves a pending post to {@code status}; false when it was no longer pending (someone decided first). */
    boolean decide(String key, HeldPost.Status status, String decidedBy, Instant at);

    void savePending(PendingRequest request);

    Optional<PendingRequest> findPending(String key);

    /** The pending request of this kind for this address on this list, if one is still open. */
    Optional<PendingRequest> findOpenPending(String list, String address, PendingRequest.Kind kind, Instant now);

    /** The list's requests still pending and not expired at {@code now}, oldest first. */
    List<PendingRequest> openPending(String list, Instant now);

    /** Moves a pending request to {@code status}; false when it was no longer pending. */
    boolean resolve(String key, PendingRequest.Status status, String decidedBy);

    /** Records that this list saw this Message-ID; false when it had already been seen. */
    boolean firstSighting(String list, String messageId, Instant at);

    /**
     * Counts one more mail of this kind ({@code "confirmation"}, {@code "reply"}...) to this address, unless
     * {@code limit} were already counted in the current window. A window opens with the first mail counted after the
     * previous one closed and lasts {@code window}. Atomic: concurrent charges, on one node or many, never count
     * more than {@code limit} per window.
     */
    QuotaCharge charge(String kind, String address, int limit, Duration window, Instant now);

    /** The posts waiting for digests, in the same database. */
    DigestStore digests();

    /** The archived posts of lists whose archive is not off, in the same database. */
    ArchiveStore archives();

    /** Forgets expired requests, decided posts, Message-IDs and quota windows older than the instant. */
    void purge(Instant before);
}
