package org.facteur.mailserver.lists;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.facteur.lists.ListAdmin;
import org.facteur.lists.ListService;
import org.facteur.lists.MemberRequest;
import org.facteur.lists.ModerationDecision;
import org.facteur.lists.OwnerActions;
import org.facteur.lists.OwnerRequest;
import org.facteur.lists.OneClickUnsubscription;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.Copies;
import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.ReplyToPolicy;
import org.facteur.lists.model.ReviewPolicy;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SendPolicy;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.model.UnsubscribePolicy;
import org.facteur.lists.store.DigestIssue;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.ListStoreException;
import org.facteur.lists.store.Membership;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.admin.JamesServices;

/**
 * List administration as the server sees it: a list lives in one of this server's domains, and its addresses
 * must not collide with a mailbox. Errors are {@link AdminException}s, like the rest of the administration.
 */
public final class MailingLists {
    private final ListService lists;
    private final JamesServices james;
    private final DigestSchedule digests;

    public MailingLists(ListService lists, JamesServices james, DigestSchedule digests) {
        this.lists = lists;
        this.james = james;
        this.digests = digests;
    }

    public ListService service() {
        return lists;
    }

    /** The subscriber a one-click unsubscribe link names (see {@link ListService#oneClickMember}). */
    public Optional<Membership> oneClickMember(String token) {
        return lists.oneClickMember(token);
    }

    /**
     * Unsubscribes the member a one-click link names, as {@code UNSUB} does, and sends what that produces (the goodbye
     * mail, or the owners' approval requests). Empty for a token that names no subscriber.
     */
    public Optional<OneClickUnsubscription> unsubscribeOneClick(String token) throws MessagingException {
        Optional<OneClickUnsubscription> done = lists.unsubscribeOneClick(token);
        if (done.isPresent()) {
            ListMailSender.send(james.mailetContext(), done.get().mails());
        }
        return done;
    }

    /** The lists of this domain anyone may ask to join on the public web page (see {@link ListService#publicLists}). */
    public List<MailingList> publicLists(String domain) {
        return call(() -> lists.publicLists(domain));
    }

    /**
     * A subscription asked for on the public web page: sends the confirmation request to the address when one is due
     * (double opt-in, see {@link ListService#requestSubscriptionFromWeb}); says nothing of whether one was.
     */
    public void requestSubscriptionFromWeb(String list, String address, String name) throws MessagingException {
        ListMailSender.send(james.mailetContext(), call(() -> lists.requestSubscriptionFromWeb(list, address, name)));
    }

    /** The posts held on the lists this address owns or moderates, oldest first (see {@link ListService#heldPostsFor}). */
    public List<HeldPost> heldPosts(String moderator) {
        return call(() -> lists.heldPostsFor(valid(moderator)));
    }

    /**
     * A moderator's decision on a held post from the web, through the same path as {@code DISTRIBUTE}/{@code REJECT} by
     * mail (the first decision wins), and sends what it produced: the copies, the poster's and the other moderators'
     * notices.
     */
    public ModerationDecision moderate(String moderator, String key, boolean distribute, String reason) throws MessagingException {
        ModerationDecision decision = call(() -> lists.moderate(valid(moderator), key, distribute, reason));
        ListMailSender.send(james.mailetContext(), decision.mails());
        return decision;
    }

    /** An owner's work on the web: reading her list's members and the requests waiting for her (see {@link OwnerActions}). */
    public OwnerActions owners() {
        return lists.owners();
    }

    /** Runs one of an owner's changes ({@link OwnerActions#add}, {@code remove}, {@code decide}) and sends what it produced. */
    public OwnerRequest asOwner(java.util.function.Function<OwnerActions, OwnerRequest> action) throws MessagingException {
        OwnerRequest request = call(() -> action.apply(lists.owners()));
        ListMailSender.send(james.mailetContext(), request.mails());
        return request;
    }

    /** An owner's CSV import ({@link OwnerActions#importMembers}), sending the welcome mails; empty when she does not own the list. */
    public Optional<OwnerActions.ImportReport> importAsOwner(String owner, String list, String csv) throws MessagingException {
        Optional<OwnerActions.ImportReport> report = call(() -> lists.owners().importMembers(owner, list, csv));
        if (report.isPresent()) {
            ListMailSender.send(james.mailetContext(), report.get().mails());
        }
        return report;
    }

    /** The lists this address holds a role on, with its membership there. */
    public List<Membership> membershipsOf(String address) {
        return call(() -> lists.membershipsOf(valid(address)));
    }

    /** The lists of this address's domain it may ask to join and is not subscribed to. */
    public List<MailingList> openToSubscription(String address) {
        return call(() -> lists.openToSubscription(valid(address)));
    }

    /** A logged-in member's {@code SUB}, made on the web (see {@link ListService#subscribeAsMember}); sends what it produced. */
    public MemberRequest subscribeAsMember(String member, String list) throws MessagingException {
        return sent(call(() -> lists.subscribeAsMember(valid(member), list)));
    }

    /** A logged-in member's {@code UNSUB}, made on the web; sends what it produced. */
    public MemberRequest unsubscribeAsMember(String member, String list) throws MessagingException {
        return sent(call(() -> lists.unsubscribeAsMember(valid(member), list)));
    }

    /** A logged-in member's {@code SET list MODE}, made on the web. */
    public MemberRequest setReceptionAsMember(String member, String list, ReceptionMode mode) throws MessagingException {
        return sent(call(() -> lists.setReceptionAsMember(valid(member), list, mode)));
    }

    private MemberRequest sent(MemberRequest request) throws MessagingException {
        ListMailSender.send(james.mailetContext(), request.mails());
        return request;
    }

    /**
     * Probes the list's members suspended for bounces now, however recently suspended, and resumes those whose probe
     * did not bounce in time ({@code ./facteur admin list probe LIST}); how many mails that sent.
     */
    public int probe(String list) throws MessagingException {
        List<org.facteur.lists.mail.OutgoingMail> mails = call(() -> lists.probeNow(valid(list)));
        ListMailSender.send(james.mailetContext(), mails);
        return mails.size();
    }

    /** A member's bounce score, last diagnostic and suspension. */
    public Optional<MemberBounces> bounces(String list, String address) {
        return call(() -> admin().bounces(valid(list), valid(address)));
    }

    /** Creates a list; {@code subscribeOwner} also makes the owner a subscriber (only subscribers receive posts). */
    public MailingList create(String address, Preset preset, Locale language, String owner, boolean subscribeOwner,
            List<String> moderators) {
        String list = valid(address);
        valid(owner);
        moderators.forEach(MailingLists::valid);
        try {
            if (!james.domains().containsDomain(Domain.of(Addresses.domain(list)))) {
                throw AdminException.notFound("The domain " + Addresses.domain(list) + " is not served here; add it first.");
            }
            for (String taken : List.of(list, local(list, "request"), local(list, "owner"), local(list, "subscribe"), local(list, "unsubscribe"))) {
                if (james.users().contains(Username.of(taken))) {
                    throw AdminException.conflict(taken + " is a mailbox; a list cannot use that address.");
                }
            }
            return admin().create(list, preset, language, owner, subscribeOwner, moderators);
        } catch (ListStoreException e) {
            throw translate(e);
        } catch (AdminException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the list " + list + ": " + e.getMessage(), e);
        }
    }

    public List<MailingList> all() {
        return admin().lists();
    }

    public MailingList get(String address) {
        return call(() -> admin().get(valid(address)));
    }

    public void delete(String address) {
        call(() -> {
            admin().delete(valid(address));
            return null;
        });
    }

    public Member addMember(String list, String address, String name, Role role) {
        return call(() -> admin().addMember(valid(list), valid(address), name, role));
    }

    public void removeMember(String list, String address) {
        call(() -> {
            admin().removeMember(valid(list), valid(address));
            return null;
        });
    }

    /** Sends the list's digest now ({@code facteur admin list digest LIST}); empty when no post waited for it. */
    public Optional<DigestIssue> sendDigest(String list) {
        return call(() -> digests.sendNow(valid(list)));
    }

    public List<Member> members(String list) {
        return call(() -> admin().members(valid(list)));
    }

    /**
     * Changes settings by name, as {@code ./facteur admin list set team@example.org send=moderated} does: name,
     * description, language, footer, reply-to, max-size, dmarc ({@code rewrite}, {@code wrap}, {@code off}), dmarc-poster
     * ({@code reply-to}, {@code cc}), copies ({@code personal}, {@code batched}), archive ({@code off}, {@code members},
     * {@code public}), subscribe, unsubscribe, send, review, preset.
     */
    public MailingList set(String address, Map<String, String> changes) {
        return call(() -> {
            MailingList list = admin().get(valid(address));
            for (Map.Entry<String, String> change : changes.entrySet()) {
                list = apply(list, change.getKey(), change.getValue());
            }
            admin().update(list);
            return list;
        });
    }

    private static MailingList apply(MailingList list, String key, String value) {
        String v = value.strip();
        try {
            return switch (key.strip().toLowerCase(Locale.ROOT)) {
                case "name" -> list.withName(v);
                case "description" -> list.withDescription(v);
                case "language" -> list.withLanguage(Locale.forLanguageTag(v));
                case "footer" -> list.withFooter(v);
                case "reply-to" -> list.withReplyTo(ReplyToPolicy.valueOf(constant(v)));
                case "max-size" -> list.withMaxMessageBytes(Long.parseLong(v));
                case "dmarc" -> list.withDmarc(list.dmarc().withMode(DmarcMitigation.Mode.valueOf(constant(v))));
                case "dmarc-poster" -> list.withDmarc(list.dmarc().withPoster(DmarcMitigation.Poster.valueOf(constant(v))));
                case "copies" -> list.withCopies(Copies.valueOf(constant(v)));
                case "archive" -> list.withArchive(ArchiveAccess.valueOf(constant(v)));
                case "subscribe" -> list.withPolicies(list.policies().withSubscribe(SubscribePolicy.valueOf(constant(v))));
                case "unsubscribe" -> list.withPolicies(list.policies().withUnsubscribe(UnsubscribePolicy.valueOf(constant(v))));
                case "send" -> list.withPolicies(list.policies().withSend(SendPolicy.valueOf(constant(v))));
                case "review" -> list.withPolicies(list.policies().withReview(ReviewPolicy.valueOf(constant(v))));
                case "preset" -> {
                    Preset preset = Preset.parse(v);
                    yield list.withPolicies(preset.policies()).withReplyTo(preset.replyTo());
                }
                default -> throw AdminException.invalid("Unknown list setting '" + key + "'. Settings: name, description, language,"
                        + " footer, reply-to, max-size, dmarc, dmarc-poster, copies, archive, subscribe, unsubscribe, send, review, preset.");
            };
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid("'" + value + "' is not a valid value for " + key + ".");
        }
    }

    private static String constant(String value) {
        return value.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private ListAdmin admin() {
        return lists.admin();
    }

    private static String local(String list, String suffix) {
        return Addresses.localPart(list) + "-" + suffix + "@" + Addresses.domain(list);
    }

    private static String valid(String address) {
        try {
            return Addresses.normalize(address);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
    }

    /** Runs an administrative action; a refused value (a name with a line break...) becomes a 400 with its sentence. */
    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ListStoreException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
    }

    private static AdminException translate(ListStoreException e) {
        if (e instanceof ListStoreException.Conflict) {
            return AdminException.conflict(e.getMessage());
        }
        if (e instanceof ListStoreException.NotFound) {
            return AdminException.notFound(e.getMessage());
        }
        throw e;
    }

}
