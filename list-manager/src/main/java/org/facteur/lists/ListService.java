package org.facteur.lists;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.facteur.lists.archive.ArchiveIndex;
import org.facteur.lists.archive.Archives;
import org.facteur.lists.archive.PostText;
import org.facteur.lists.command.Command;
import org.facteur.lists.command.CommandBatch;
import org.facteur.lists.command.CommandParser;
import org.facteur.lists.digest.DigestSender;
import org.facteur.lists.digest.Digests;
import org.facteur.lists.mail.AutomatedMail;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.mail.ReplySubject;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.MemberToken;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.model.UnsubscribePolicy;
import org.facteur.lists.model.VerpAddress;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.Decision;
import org.facteur.lists.posting.DmarcPolicies;
import org.facteur.lists.posting.Distribution;
import org.facteur.lists.posting.PersonalCopies;
import org.facteur.lists.posting.Post;
import org.facteur.lists.posting.PostingChain;
import org.facteur.lists.store.DigestIssue;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.ListStoreException;
import org.facteur.lists.store.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list manager's entry point for the mail server: is this recipient a list address, and what should be sent
 * because this mail arrived there. It never sends anything itself: the mail server delivers what it returns, and digests
 * go through the {@link DigestSender} the mail server passes (inside the store's transaction, see {@link #sendDigest}).
 */
public final class ListService {
    private static final Logger LOG = LoggerFactory.getLogger(ListService.class);

    private final ListStore store;
    private final ListSettings settings;
    private final ListDirectory directory;
    private final PostingChain chain;
    private final Distribution distribution;
    private final CommandParser parser = new CommandParser();
    private final Moderation moderation;
    private final CommandExecutor executor;
    private final LoggedInCommands loggedIn;
    private final OwnerActions owners;
    private final ListAdmin admin;
    private final RobotQuota quota;
    private final ListActivity activity;
    private final Subscriptions subscriptions;
    private final Digests digests;
    private final Bounces bounces;
    private final BounceSummaries bounceSummaries;
    private final Archives archives;

    public ListService(ListStore store, ListSettings settings, long defaultMaxMessageBytes, Clock clock) {
        this(store, settings, defaultMaxMessageBytes, clock, ListActivity.NONE);
    }

    /** A list manager that reports each post's decision to {@code activity}. */
    public ListService(ListStore store, ListSettings settings, long defaultMaxMessageBytes, Clock clock, ListActivity activity) {
        this(store, settings, defaultMaxMessageBytes, clock, activity, DmarcPolicies.NOT_ASKED);
    }

    /** ... whose copies of posts from DMARC {@code p=reject}/{@code quarantine} domains come from the list (see {@link DmarcPolicies}). */
    public ListService(ListStore store, ListSettings settings, long defaultMaxMessageBytes, Clock clock, ListActivity activity,
            DmarcPolicies dmarc) {
        this(store, settings, defaultMaxMessageBytes, clock, activity, dmarc, Optional.empty());
    }

    /** ... whose archives are searched in {@code archiveIndex} (empty: posts are archived, not searchable). */
    public ListService(ListStore store, ListSettings settings, long defaultMaxMessageBytes, Clock clock, ListActivity activity,
            DmarcPolicies dmarc, Optional<ArchiveIndex> archiveIndex) {
        this.activity = activity;
        this.store = store;
        this.settings = settings;
        this.directory = new ListDirectory(store, settings, clock);
        this.digests = new Digests(store, settings.digests(), clock, settings.recipientsPerMessage());
        this.archives = new Archives(store, archiveIndex, clock);
        this.distribution = new Distribution(settings.recipientsPerMessage(), dmarc,
                new PersonalCopies(store::memberTokens, settings.publicUrl()), digests, archives, settings.publicUrl());
        this.chain = new PostingChain(store, clock);
        this.moderation = new Moderation(store, settings, clock, distribution);
        this.quota = new RobotQuota(store, settings.robotLimits(), clock);
        this.subscriptions = new Subscriptions(store, settings, clock, quota);
        this.executor = new CommandExecutor(store, directory, subscriptions, moderation);
        this.loggedIn = new LoggedInCommands(executor);
        this.owners = new OwnerActions(store, loggedIn, clock);
        this.admin = new ListAdmin(store, directory, defaultMaxMessageBytes);
        this.bounces = new Bounces(store, settings.bounces(), clock, directory, subscriptions, activity);
        this.bounceSummaries = new BounceSummaries(store, subscriptions, settings.bounces(), settings.digests().time(), clock);
        directory.reload();
    }

    public ListAdmin admin() {
        return admin;
    }

    /** The lists' archives: reading (for whom {@link Archives#mayRead} allows), search, owners' removal and mbox export. */
    public Archives archives() {
        return archives;
    }

    /** Whether this recipient is one of a list's addresses (or the robot's), answered from memory. */
    public Optional<ListTarget> resolve(String recipient) {
        return directory.resolve(recipient);
    }

    /** Handles a mail sent to a list address and returns the mails to send. Empty when nothing should be sent. */
    public List<OutgoingMail> handle(IncomingMail mail) {
        Optional<ListTarget> target = resolve(mail.recipient());
        if (target.isEmpty()) {
            throw new IllegalArgumentException(mail.recipient() + " is not a list address");
        }
        ListTarget t = target.get();
        return switch (t.kind()) {
            case POST -> post(t.list().orElseThrow(), mail);
            case OWNER -> forwardToOwners(t.list().orElseThrow(), mail);
            case BOUNCE -> bounce(t.list().orElseThrow(), VerpAddress.parse(mail.recipient()).orElseThrow(), mail);
            case REQUEST, ROBOT -> commands(t, mail, false);
            case SUBSCRIBE -> commands(t, mail, true);
            case UNSUBSCRIBE -> commands(t, mail, true);
        };
    }

    /**
     * The posts waiting for a decision on the lists where this address is an owner or a moderator (those who may decide
     * by mail too), oldest first.
     */
    public List<HeldPost> heldPostsFor(String moderator) {
        String address = Addresses.normalize(moderator);
        List<HeldPost> held = new ArrayList<>();
        for (String listAddress : store.listsOf(address)) {
            directory.find(listAddress).filter(list -> moderation.canModerate(list, address))
                    .ifPresent(list -> held.addAll(store.pendingPosts(list.address())));
        }
        held.sort(Comparator.comparing(HeldPost::heldAt));
        return held;
    }

    /**
     * A moderator's decision on a held post taken outside mail (the webmail's Approve and Reject): the same path as
     * {@code DISTRIBUTE list key} and {@code REJECT list key reason} by mail, so the first decision wins whichever way
     * it came, and the copies, the poster's notice and the other moderators' notices are the same.
     */
    public ModerationDecision moderate(String moderator, String key, boolean distribute, String reason) {
        String address = Addresses.normalize(moderator);
        Optional<HeldPost> found = key == null ? Optional.empty() : store.findHeld(key.toLowerCase(Locale.ROOT));
        Optional<MailingList> list = found.flatMap(post -> directory.find(post.list()));
        if (list.isEmpty()) {
            return new ModerationDecision(ModerationDecision.Outcome.UNKNOWN_KEY, Optional.empty(), List.of());
        }
        if (!moderation.canModerate(list.get(), address)) {
            return new ModerationDecision(ModerationDecision.Outcome.NOT_MODERATOR, found, List.of());
        }
        Replies replies = new Replies();
        String heldKey = found.get().key();
        boolean decided = distribute ? moderation.distribute(address, replies, list.get(), heldKey)
                : moderation.reject(address, replies, list.get(), heldKey, reason == null ? "" : reason.strip());
        Optional<HeldPost> now = store.findHeld(heldKey).or(() -> found);
        LOG.info("Held post {} on {}, decided by {} outside mail: {}", heldKey, list.get().address(), address,
                decided ? (distribute ? "distributed" : "rejected") : "already handled");
        if (!decided) {
            return new ModerationDecision(ModerationDecision.Outcome.ALREADY_HANDLED, now, List.of());
        }
        return new ModerationDecision(distribute ? ModerationDecision.Outcome.DISTRIBUTED : ModerationDecision.Outcome.REJECTED,
                now, replies.mails());
    }

    /** The held post's words as text, markup removed, blank runs collapsed, at most {@code maxChars}: never its HTML. */
    public static String textPreview(HeldPost post, int maxChars) {
        return PostText.preview(MailComposer.parse(post.message()), maxChars);
    }

    /**
     * What an owner does on the web with her list's members and pending requests; every action checks that she owns
     * the list and runs the owner's command by mail ({@code ADD}, {@code DEL}, {@code CONFIRM}, {@code REJECT}).
     */
    public OwnerActions owners() {
        return owners;
    }

    /** The lists on which this address holds any role, with its membership there, sorted by list address. */
    public List<Membership> membershipsOf(String address) {
        String member = Addresses.normalize(address);
        List<Membership> memberships = new ArrayList<>();
        for (String list : store.listsOf(member)) {
            store.findMember(list, member).filter(m -> directory.find(list).isPresent())
                    .ifPresent(m -> memberships.add(new Membership(list, m)));
        }
        return memberships;
    }

    /**
     * The lists of this address's domain that it may ask to join (every subscription policy but {@code closed}) and is
     * not subscribed to, sorted by address.
     */
    public List<MailingList> openToSubscription(String address) {
        String member = Addresses.normalize(address);
        String domain = Addresses.domain(member);
        return store.lists().stream().filter(l -> l.domain().equals(domain))
                .filter(l -> l.policies().subscribe() != SubscribePolicy.CLOSED)
                .filter(l -> !isSubscriber(l, member))
                .sorted(Comparator.comparing(MailingList::address)).toList();
    }

    /**
     * The lists of {@code domain} anyone may ask to join from the public web page (members join them by confirming their
     * address: policies open, confirm, confirm then owner), sorted by address.
     */
    public List<MailingList> publicLists(String domain) {
        String wanted = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        return store.lists().stream().filter(l -> l.domain().equals(wanted)).filter(Subscriptions::openToTheWeb)
                .sorted(Comparator.comparing(MailingList::address)).toList();
    }

    /**
     * Someone on the public web page asks that {@code address} join {@code list}: a confirmation request to that address
     * (double opt-in), within the robot's limit of confirmation requests per address. Returns the mail to send; empty
     * when nothing is to be sent (no such public list, an invalid address, already subscribed, a request still open, the
     * limit reached): the page answers the same in every case.
     */
    public List<OutgoingMail> requestSubscriptionFromWeb(String list, String address, String name) {
        if (address == null || !Addresses.isValid(address.strip())) {
            return List.of();
        }
        String who = Addresses.normalize(address.strip());
        String cleanName = name == null ? "" : name.replaceAll("\\p{Cntrl}", " ").strip();
        Optional<MailingList> target = listNamed(list).filter(Subscriptions::openToTheWeb);
        if (target.isEmpty()) {
            return List.of();
        }
        Optional<OutgoingMail> request = subscriptions.requestFromWeb(target.get(), who,
                cleanName.length() > 200 ? cleanName.substring(0, 200) : cleanName);
        LOG.info("Subscription of {} to {} asked on the public web page: {}", who, target.get().address(),
                request.isPresent() ? "confirmation request sent" : "nothing sent");
        return request.map(List::of).orElse(List.of());
    }

    /**
     * A logged-in member asks to join a list outside mail (the webmail): {@code SUB} as her own mailbox would send it,
     * under the list's policy (open: subscribed; confirm: a confirmation request to her address; owner: the owners
     * asked; closed: refused), the robot's limits included.
     */
    public MemberRequest subscribeAsMember(String member, String list) {
        return asMember(member, list, new Command.Subscribe(Optional.of(list), ""), true);
    }

    /** ... asks to leave: {@code UNSUB} as her own mailbox would send it, under the list's unsubscription policy. */
    public MemberRequest unsubscribeAsMember(String member, String list) {
        return asMember(member, list, new Command.Unsubscribe(Optional.of(list)), false);
    }

    /** ... changes how she receives the list's posts: {@code SET list MODE}, for subscribers only. */
    public MemberRequest setReceptionAsMember(String member, String list, ReceptionMode mode) {
        String address = Addresses.normalize(member);
        Optional<MailingList> found = listNamed(list);
        if (found.isEmpty()) {
            return new MemberRequest(MemberRequest.Outcome.UNKNOWN_LIST, List.of());
        }
        boolean subscribed = isSubscriber(found.get(), address);
        Replies replies = runAs(address, found.get(), new Command.Set(Optional.of(found.get().address()), mode.name()));
        return new MemberRequest(subscribed ? MemberRequest.Outcome.DONE : MemberRequest.Outcome.NOT_SUBSCRIBED, replies.mails());
    }

    private MemberRequest asMember(String member, String list, Command command, boolean joining) {
        String address = Addresses.normalize(member);
        Optional<MailingList> found = listNamed(list);
        if (found.isEmpty()) {
            return new MemberRequest(MemberRequest.Outcome.UNKNOWN_LIST, List.of());
        }
        MailingList target = found.get();
        boolean before = isSubscriber(target, address);
        Replies replies = runAs(address, target, command);
        boolean after = isSubscriber(target, address);
        boolean confirmationSent = replies.mails().stream().anyMatch(m -> !replies.isNotice(m) && m.recipients().equals(List.of(address)));
        MemberRequest.Outcome outcome;
        if (joining && before) {
            outcome = MemberRequest.Outcome.ALREADY;
        } else if (!joining && !before) {
            outcome = MemberRequest.Outcome.NOT_SUBSCRIBED;
        } else if (after == joining) {
            outcome = MemberRequest.Outcome.DONE;
        } else if (joining && target.policies().subscribe() == SubscribePolicy.CLOSED) {
            outcome = MemberRequest.Outcome.CLOSED;
        } else if (joining ? target.policies().subscribe() == SubscribePolicy.OWNER
                : target.policies().unsubscribe() == UnsubscribePolicy.OWNER) {
            outcome = MemberRequest.Outcome.OWNERS_ASKED;
        } else {
            outcome = confirmationSent ? MemberRequest.Outcome.CONFIRMATION_SENT : MemberRequest.Outcome.TOO_MANY_REQUESTS;
        }
        LOG.info("{} asked outside mail: {} {}: {}", address, command.getClass().getSimpleName(), target.address(), outcome);
        return new MemberRequest(outcome, replies.mails());
    }

    private Replies runAs(String address, MailingList list, Command command) {
        return loggedIn.run(address, list, command);
    }

    private Optional<MailingList> listNamed(String list) {
        return list != null && Addresses.isValid(list) ? directory.find(Addresses.normalize(list)) : Optional.empty();
    }

    private boolean isSubscriber(MailingList list, String address) {
        return store.findMember(list.address(), address).map(m -> m.has(Role.SUBSCRIBER)).orElse(false);
    }

    /** Expires held posts nobody decided on; the mail server calls this periodically. */
    public List<OutgoingMail> expireHeldPosts() {
        return moderation.expire();
    }

    /**
     * Sends the list's digest now, if posts wait for it, through {@code sender} (the admin command {@code list digest}).
     * Empty when no post waited: nothing is sent.
     *
     * @throws ListStoreException.NotFound when there is no such list
     */
    public Optional<DigestIssue> sendDigest(String list, DigestSender sender) {
        MailingList found = directory.find(list)
                .orElseThrow(() -> new ListStoreException.NotFound("There is no list " + list + "."));
        return digests.send(found, sender);
    }

    /** Sends the digests that are due, daily or by size; the mail server calls this periodically. */
    public List<DigestIssue> sendDueDigests(DigestSender sender) {
        return digests.sendDue(directory::find, sender);
    }

    private List<OutgoingMail> post(MailingList list, IncomingMail mail) {
        Optional<String> author = mail.author();
        Optional<Member> membership = author.flatMap(a -> store.findMember(list.address(), a));
        Decision decision = chain.decide(new Post(list, mail, author, membership));
        LOG.info("Post to {} from {}: {}", list.address(), author.orElse("<unknown>"), decision.getClass().getSimpleName());
        List<OutgoingMail> out = switch (decision) {
            case Decision.Accept a -> distribution.distribute(list, MailComposer.bytes(mail.message()), author,
                    store.members(list.address()));
            case Decision.Hold h -> repliesWithinQuota(moderation.hold(list, mail, author, h.reasonKey()), author, mail);
            case Decision.Reject r -> repliesWithinQuota(rejection(list, mail, author, r), author, mail);
            case Decision.Discard d -> List.of();
        };
        int recipients = decision instanceof Decision.Accept ? out.stream().mapToInt(m -> m.recipients().size()).sum() : 0;
        activity.postDecided(list.address(), decision, recipients);
        return out;
    }

    /** A post's notices to its author ("awaits approval", "not distributed") count as replies: From: can be forged. */
    private List<OutgoingMail> repliesWithinQuota(List<OutgoingMail> out, Optional<String> author, IncomingMail mail) {
        if (author.isEmpty()) {
            return out;
        }
        boolean loggedIn = mail.authenticatedUser().map(user -> user.equalsIgnoreCase(author.get())).orElse(false);
        return out.stream().filter(m -> mayReply(author.get(), loggedIn, m)).toList();
    }

    private List<OutgoingMail> rejection(MailingList list, IncomingMail mail, Optional<String> author, Decision.Reject reject) {
        if (author.isEmpty() || AutomatedMail.isAutomated(mail)) {
            return List.of();
        }
        ListMails mails = new ListMails(list);
        return List.of(mails.to(author.get(), mails.texts().get("rejected.subject", list.name(), mail.subject()),
                mails.texts().get("refused.post", list.address(), mails.texts().get(reject.reasonKey(), reject.args())),
                mail.message(), null));
    }

    /**
     * Mail to one member's VERP address (or to a probe's): a bounce of that member's copy counts towards the member's
     * score (see {@link Bounces}); mail that is no bounce at all (an auto-reply, a person answering) reaches the owners
     * as mail to {@code team-owner@} does.
     */
    private List<OutgoingMail> bounce(MailingList list, VerpAddress verp, IncomingMail mail) {
        return bounces.handle(list, verp, mail).orElseGet(() -> forwardToOwners(list, mail));
    }

    /**
     * Sends the probes that are due to members suspended for bounces and resumes those whose probe did not bounce in
     * time; the mail server calls this periodically.
     */
    public List<OutgoingMail> probeSuspendedMembers() {
        return bounces.probe(Optional.empty(), false);
    }

    /**
     * The owners' weekly bounce summaries that are due (Mondays from the digests' daily time), one mail per owner of each
     * list with bouncing members; the mail server calls this periodically. See {@link BounceSummaries}.
     */
    public List<OutgoingMail> sendDueBounceSummaries() {
        return bounceSummaries.sendDue();
    }

    /**
     * Probes the list's suspended members now, however recently suspended, and resumes those whose probe did not bounce
     * in time ({@code ./facteur admin list probe LIST}).
     */
    public List<OutgoingMail> probeNow(String list) {
        return bounces.probe(Optional.of(admin.get(list).address()), true);
    }

    /**
     * The subscriber a one-click link names, on its list; empty for a malformed token, a token nobody holds, or one whose
     * holder is no longer subscribed. The web page shows this before the member presses the button.
     */
    public Optional<Membership> oneClickMember(String token) {
        if (!MemberToken.isWellFormed(token)) {
            return Optional.empty();
        }
        return store.findByToken(token).filter(m -> m.member().has(Role.SUBSCRIBER))
                .filter(m -> directory.find(m.list()).isPresent());
    }

    /**
     * RFC 8058 one-click unsubscription: the member the token names, and only that member, leaves the token's list
     * through the same path as {@code UNSUB} (goodbye mail; owners asked when they approve unsubscriptions). Empty when
     * {@link #oneClickMember} is.
     */
    public Optional<OneClickUnsubscription> unsubscribeOneClick(String token) {
        Optional<Membership> found = oneClickMember(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MailingList list = directory.find(found.get().list()).orElseThrow();
        String address = found.get().member().address();
        Replies replies = new Replies();
        boolean left = subscriptions.unsubscribeWithToken(replies, list, address);
        LOG.info("One-click unsubscription of {} from {}: {}", address, list.address(), left ? "done" : "owners asked");
        return Optional.of(new OneClickUnsubscription(list, address, left, replies.mails()));
    }

    private List<OutgoingMail> forwardToOwners(MailingList list, IncomingMail mail) {
        List<String> owners = store.members(list.address()).stream().filter(m -> m.has(Role.OWNER)).map(Member::address).toList();
        if (owners.isEmpty() || mail.header("X-Loop").map(v -> v.contains(list.ownerAddress())).orElse(false)) {
            return List.of();
        }
        var copy = MailComposer.parse(MailComposer.bytes(mail.message()));
        try {
            copy.addHeader("X-Loop", list.ownerAddress());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return List.of(new OutgoingMail("", owners, copy));
    }

    /**
     * Runs the commands of one mail and answers its sender. A command runs once per message, at most a few commands
     * that send mail run (the reply says how many were ignored), and what goes to an address counts against that
     * address's quota: past it, nothing is sent to it (see {@link RobotLimits}).
     */
    private List<OutgoingMail> commands(ListTarget target, IncomingMail mail, boolean implicitCommand) {
        Optional<String> sender = mail.author();
        if (sender.isEmpty() || AutomatedMail.isAutomated(mail)) {
            LOG.info("Ignored an automated or sender-less mail to {}", mail.recipient());
            return List.of();
        }
        Texts texts = new Texts(target.list().map(MailingList::language).orElse(settings.defaultLanguage()));
        Replies replies = new Replies();
        CommandContext ctx = new CommandContext(mail, sender.get(), target.list(), target.domain(), texts, replies);
        List<Command> commands = new ArrayList<>();
        List<String> ignored = List.of();
        if (implicitCommand) {
            commands.add(target.kind() == ListTarget.Kind.SUBSCRIBE
                    ? new Command.Subscribe(Optional.empty(), mail.authorName())
                    : new Command.Unsubscribe(Optional.empty()));
        } else {
            CommandParser.Parsed parsed = parser.parse(mail.subject(), body(mail), target.list().map(MailingList::localPart));
            commands.addAll(parsed.commands());
            ignored = parsed.ignored();
        }
        if (commands.isEmpty()) {
            replies.line(texts.get("command.none", ignored.isEmpty() ? "" : ignored.get(0)));
            replies.line(texts.get("help.body", target.list().map(MailingList::requestAddress).orElse(mail.recipient())));
        }
        int limit = settings.robotLimits().commandsPerMessage();
        CommandBatch batch = CommandBatch.of(commands, target.domain(), target.list().map(MailingList::localPart), limit);
        for (Command command : batch.run()) {
            try {
                executor.execute(ctx, command);
            } catch (RuntimeException e) {
                LOG.warn("Command {} from {} failed", command, sender.get(), e);
                replies.line(texts.get("command.failed", command.getClass().getSimpleName().toUpperCase()));
            }
        }
        if (batch.ignored() > 0) {
            LOG.info("Ignored {} commands beyond the {} that send mail in one message from {} to {}", batch.ignored(), limit,
                    sender.get(), mail.recipient());
            replies.line(texts.get("commands.ignored", batch.ignored(), limit));
        }
        List<OutgoingMail> out = new ArrayList<>();
        if (!replies.lines().isEmpty()) {
            String from = target.list().map(MailingList::requestAddress).orElse(mail.recipient());
            OutgoingMail results = MailComposer.compose(from, texts.get("robot.name"), sender.get(), from,
                    ReplySubject.reply(mail.subject()), String.join("\n", replies.lines()) + "\n", mail.message(), null);
            if (mayReply(ctx.sender(), ctx.senderIsAuthenticated(), results)) {
                out.add(results);
            }
        }
        for (OutgoingMail other : replies.mails()) {
            if (!replies.isNotice(other) || mayReply(ctx.sender(), ctx.senderIsAuthenticated(), other)) {
                out.add(other);
            }
        }
        return out;
    }

    /**
     * Whether a robot mail may go: one to the sender counts against the sender's quota of replies, unless the sender
     * logged in as that address (which cannot be forged). Notices to others follow from a key or an owner's login,
     * not from a From: line anyone can write; requests were counted when they were made.
     */
    private boolean mayReply(String sender, boolean senderLoggedIn, OutgoingMail mail) {
        return !mail.recipients().equals(List.of(sender)) || senderLoggedIn || quota.allowsReply(sender);
    }

    private static String body(IncomingMail mail) {
        try {
            return CommandParser.bodyText(mail.message());
        } catch (MessagingException | IOException e) {
            return "";
        }
    }
}
