package org.facteur.lists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.AutomatedMail;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.Distribution;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.ListStore;

/**
 * Held posts: every moderator gets the post with its key; the first decision wins and the others are told who
 * decided; the poster learns the outcome (with the reason of a rejection) and may withdraw the post.
 */
final class Moderation {
    private final ListStore store;
    private final ListSettings settings;
    private final Clock clock;
    private final Distribution distribution;

    Moderation(ListStore store, ListSettings settings, Clock clock, Distribution distribution) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.distribution = distribution;
    }

    List<OutgoingMail> hold(MailingList list, IncomingMail mail, Optional<String> author, String reasonKey) {
        ListMails mails = new ListMails(list);
        String sender = author.orElse(mail.envelopeSender());
        HeldPost post = HeldPost.pending(Keys.next(), Keys.next(), list.address(), sender, mail.subject(), reasonKey,
                MailComposer.bytes(mail.message()), clock.instant());
        store.hold(post);
        List<OutgoingMail> out = new ArrayList<>();
        for (String moderator : moderators(list)) {
            out.add(mails.moderationRequest(post, moderator, mail.message()));
        }
        if (!AutomatedMail.isAutomated(mail) && author.isPresent()) {
            String cancel = "CANCEL " + list.localPart() + " " + post.cancelKey();
            out.add(mails.to(sender, mails.texts().get("held.subject", list.name(), post.subject()),
                    mails.texts().get("held.body", list.address(), post.subject(), mails.texts().get(reasonKey), cancel,
                            list.requestAddress(), mails.mailto(cancel)), mail.message(), null));
        }
        return out;
    }

    /**
     * {@code DISTRIBUTE list key} by mail or Approve on the web: the moderator's decision, the copies, the poster and the
     * other moderators told. False when nothing was distributed (unknown key, not a moderator, decided already: the
     * reason is a line in {@code replies}).
     */
    boolean distribute(String moderator, Replies replies, MailingList list, String key) {
        Optional<HeldPost> decided = decide(moderator, replies, list, key, HeldPost.Status.DISTRIBUTED);
        decided.ifPresent(post -> {
            MimeMessage original = MailComposer.parse(post.message());
            Optional<String> author = Optional.of(post.sender());
            distribution.distribute(list, MailComposer.bytes(original), author, store.members(list.address()))
                    .forEach(replies::post);
            ListMails mails = new ListMails(list);
            replies.line(mails.texts().get("mod.distributed", post.subject(), list.address()));
            if (!post.sender().equals(moderator)) {
                replies.mail(mails.to(post.sender(), mails.texts().get("accepted.subject", list.name(), post.subject()),
                        mails.texts().get("accepted.body", list.address(), post.subject()), original, null));
            }
        });
        return decided.isPresent();
    }

    /** {@code REJECT list key [reason]} by mail or Reject on the web; false as for {@link #distribute}. */
    boolean reject(String moderator, Replies replies, MailingList list, String key, String reason) {
        Optional<HeldPost> decided = decide(moderator, replies, list, key, HeldPost.Status.REJECTED);
        decided.ifPresent(post -> {
            ListMails mails = new ListMails(list);
            replies.line(mails.texts().get("mod.rejected", post.subject(), list.address()));
            replies.mail(mails.to(post.sender(), mails.texts().get("rejected.subject", list.name(), post.subject()),
                    mails.texts().get("rejected.body", list.address(), post.subject(),
                            reason.isBlank() ? mails.texts().get("rejected.no-reason") : reason),
                    MailComposer.parse(post.message()), null));
        });
        return decided.isPresent();
    }

    /** The poster withdraws a held post with the cancel key they were sent. */
    void cancel(CommandContext ctx, MailingList list, String cancelKey) {
        ListMails mails = new ListMails(list);
        Optional<HeldPost> found = store.findHeldByCancelKey(cancelKey.toLowerCase(Locale.ROOT))
                .filter(p -> p.list().equals(list.address()));
        if (found.isEmpty() || !found.get().sender().equals(ctx.sender())) {
            ctx.replies().line(mails.texts().get("mod.unknown-key", cancelKey, list.address()));
            return;
        }
        HeldPost post = found.get();
        if (!post.isPending() || !store.decide(post.key(), HeldPost.Status.CANCELLED, ctx.sender(), clock.instant())) {
            HeldPost now = store.findHeld(post.key()).orElse(post);
            ctx.replies().line(already(mails, now));
            return;
        }
        ctx.replies().line(mails.texts().get("mod.cancelled", post.subject()));
        tellModerators(ctx.replies(), list, post, "", "cancelled");
    }

    void index(CommandContext ctx, MailingList list) {
        ListMails mails = new ListMails(list);
        if (!canModerate(list, ctx.sender())) {
            ctx.replies().line(mails.texts().get("mod.not-moderator", list.address()));
            return;
        }
        List<HeldPost> pending = store.pendingPosts(list.address());
        ctx.replies().line(mails.texts().get("modindex.header", list.address(), pending.size()));
        for (HeldPost post : pending) {
            ctx.replies().line("  " + mails.texts().date(post.heldAt(), clock.getZone()) + "  " + post.sender() + "  \"" + post.subject() + "\"\n"
                    + "    DISTRIBUTE " + list.localPart() + " " + post.key() + "\n"
                    + "    REJECT " + list.localPart() + " " + post.key());
        }
    }

    /** Held posts nobody decided on in time: expired, the poster told. */
    List<OutgoingMail> expire() {
        Instant now = clock.instant();
        List<OutgoingMail> out = new ArrayList<>();
        for (HeldPost post : store.pendingPostsHeldBefore(now.minus(settings.heldPostTtl()))) {
            Optional<MailingList> list = store.findList(post.list());
            if (list.isEmpty() || !store.decide(post.key(), HeldPost.Status.EXPIRED, "expiry", now)) {
                continue;
            }
            ListMails mails = new ListMails(list.get());
            out.add(mails.to(post.sender(), mails.texts().get("expired.subject", list.get().name(), post.subject()),
                    mails.texts().get("expired.body", list.get().address(), post.subject(), settings.heldPostTtl().toDays()),
                    MailComposer.parse(post.message()), null));
        }
        store.purge(now.minus(settings.heldPostTtl()).minus(settings.confirmationTtl()));
        return out;
    }

    /** Checks the key and the moderator, then records the decision; empty when someone else decided first. */
    private Optional<HeldPost> decide(String moderator, Replies replies, MailingList list, String key, HeldPost.Status status) {
        ListMails mails = new ListMails(list);
        Optional<HeldPost> found = store.findHeld(key.toLowerCase(Locale.ROOT)).filter(p -> p.list().equals(list.address()));
        if (found.isEmpty()) {
            replies.line(mails.texts().get("mod.unknown-key", key, list.address()));
            return Optional.empty();
        }
        if (!canModerate(list, moderator)) {
            replies.line(mails.texts().get("mod.not-moderator", list.address()));
            return Optional.empty();
        }
        HeldPost post = found.get();
        if (!post.isPending() || !store.decide(post.key(), status, moderator, clock.instant())) {
            replies.line(already(mails, store.findHeld(post.key()).orElse(post)));
            return Optional.empty();
        }
        tellModerators(replies, list, post, moderator, status.name().toLowerCase(Locale.ROOT));
        return Optional.of(post);
    }

    private String already(ListMails mails, HeldPost post) {
        return mails.texts().get("mod.already", post.subject(),
                mails.texts().get("outcome." + post.status().name().toLowerCase(Locale.ROOT)), post.decidedBy().orElse("?"),
                post.decidedAt().map(at -> mails.texts().date(at, clock.getZone())).orElse("?"));
    }

    private void tellModerators(Replies replies, MailingList list, HeldPost post, String decider, String outcome) {
        ListMails mails = new ListMails(list);
        String who = decider.isEmpty() ? post.sender() : decider;
        for (String moderator : moderators(list)) {
            if (!moderator.equals(decider)) {
                replies.mail(mails.to(moderator, mails.texts().get("decided.subject", list.name()),
                        mails.texts().get("mod.decided", who, mails.texts().get("outcome." + outcome), post.subject(), post.sender()),
                        null, null));
            }
        }
    }

    /** Owners and moderators decide on the list's held posts, whether or not moderators are named. */
    boolean canModerate(MailingList list, String address) {
        return store.findMember(list.address(), address).map(Member::canModerate).orElse(false);
    }

    /** Moderators decide; a list without moderators is moderated by its owners. */
    List<String> moderators(MailingList list) {
        List<Member> members = store.members(list.address());
        List<String> moderators = members.stream().filter(m -> m.has(Role.MODERATOR)).map(Member::address).toList();
        return moderators.isEmpty() ? members.stream().filter(m -> m.has(Role.OWNER)).map(Member::address).toList() : moderators;
    }
}
