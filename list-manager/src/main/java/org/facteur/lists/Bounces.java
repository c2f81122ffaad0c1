package org.facteur.lists;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.facteur.lists.bounce.Bounce;
import org.facteur.lists.bounce.BounceParser;
import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.BounceSettings;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.VerpAddress;
import org.facteur.lists.store.BounceCount;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounces of members' copies, named by the VERP token of the address they come back to (never by an address inside
 * the bounce): hard failures raise the member's score, at the threshold the member's delivery is suspended and the
 * member and the owners are told; later a probe from its own VERP address decides: a hard bounce of the probe removes
 * the member, no such bounce within the window gives the member back their reception mode.
 */
final class Bounces {
    private static final Logger LOG = LoggerFactory.getLogger(Bounces.class);
    private static final int ATTEMPTS = 10;

    private final ListStore store;
    private final BounceSettings settings;
    private final Clock clock;
    private final ListDirectory directory;
    private final Subscriptions subscriptions;
    private final ListActivity activity;

    Bounces(ListStore store, BounceSettings settings, Clock clock, ListDirectory directory, Subscriptions subscriptions,
            ListActivity activity) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.activity = activity;
    }

    /**
     * Acts on mail to a VERP address; empty when it is not a bounce at all (an auto-reply, a person answering), which
     * then goes to the owners as mail to {@code team-owner@} does. Delivery reports that name no failure (delays) and
     * failures that do not count are logged and counted by kind, and change nothing.
     */
    Optional<List<OutgoingMail>> handle(MailingList list, VerpAddress verp, IncomingMail mail) {
        List<Bounce> failures = BounceParser.parse(mail.message());
        if (failures.isEmpty()) {
            if (isReport(mail)) { // a delay or delivery report: nothing to act on
                LOG.info("Delivery report to {} names no failure: nothing to do", verp.address());
                return Optional.of(List.of());
            }
            return Optional.empty();
        }
        failures.forEach(f -> activity.bounced(list.address(), f.kind()));
        Optional<Bounce> counted = failures.stream().filter(f -> f.kind().counts()).findFirst();
        Optional<Membership> member = store.findByToken(verp.token()).filter(m -> m.list().equals(list.address()));
        Optional<Membership> probed = member.isPresent() ? Optional.empty()
                : store.findByProbeToken(verp.token()).filter(m -> m.list().equals(list.address()));
        if (member.isEmpty() && probed.isEmpty()) {
            LOG.info("Bounce to {} names no member of {} (left since): ignored", verp.address(), list.address());
            return Optional.of(List.of());
        }
        String address = member.or(() -> probed).orElseThrow().member().address();
        if (counted.isEmpty()) {
            LOG.info("Bounce of {} on {} not counted: {} {}", address, list.address(), failures.get(0).status(), failures.get(0).kind());
            return Optional.of(List.of());
        }
        return Optional.of(member.isPresent() ? count(list, address, counted.get()) : probeBounced(list, address, counted.get()));
    }

    private static boolean isReport(IncomingMail mail) {
        try {
            return mail.message().isMimeType("multipart/report");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** One more counted failure; the compare-and-set is retried when a concurrent bounce changed the score first. */
    private List<OutgoingMail> count(MailingList list, String address, Bounce failure) {
        LocalDate today = LocalDate.now(clock);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<MemberBounces> current = store.bounces(list.address(), address);
            if (current.isEmpty()) {
                return List.of();
            }
            BounceScore before = current.get().score();
            BounceScore after = before.after(failure.kind(), today, settings.score());
            if (after.equals(before)) {
                return List.of(); // this day already counted
            }
            Optional<Instant> suspend = after.suspends(settings.score()) ? Optional.of(clock.instant()) : Optional.empty();
            BounceCount result = store.countBounce(list.address(), address, before, after, failure.diagnostic(), suspend);
            if (result == BounceCount.SUSPENDED) {
                LOG.info("Delivery to {} on {} suspended: {} points, last {}", address, list.address(), after.points(), failure.status());
                activity.suspended(list.address());
                return notices(list, address).suspended(after, failure, clock.instant().plus(settings.probeAfter()));
            }
            if (result == BounceCount.COUNTED) {
                LOG.info("Bounce of {} on {} counted: {} points", address, list.address(), after.points());
                return List.of();
            }
        }
        throw new IllegalStateException("Cannot count a bounce of " + address + " on " + list.address() + ": the score kept changing.");
    }

    /** The probe came back with a hard failure: the address is dead; the member leaves the list. */
    private List<OutgoingMail> probeBounced(MailingList list, String address, Bounce failure) {
        if (!store.resume(list.address(), address) || !subscriptions.removeSubscriber(list, address)) {
            return List.of(); // another bounce of the same probe did it
        }
        LOG.info("Probe to {} on {} bounced ({}): removed", address, list.address(), failure.status());
        activity.removedForBounces(list.address());
        return notices(list, address).removed(failure);
    }

    /**
     * Sends the probes that are due (suspended for {@code probeAfter}, or at once when {@code now} says so) and gives
     * their reception back to members whose probe did not bounce within {@code probeWindow}.
     *
     * @param only the list to probe, or empty for every list
     */
    List<OutgoingMail> probe(Optional<String> only, boolean now) {
        Instant at = clock.instant();
        List<OutgoingMail> out = new ArrayList<>();
        for (Membership suspended : store.suspendedMembers()) {
            Optional<MailingList> list = directory.find(suspended.list());
            if (list.isEmpty() || only.filter(l -> !l.equals(suspended.list())).isPresent()) {
                continue;
            }
            String address = suspended.member().address();
            Optional<MemberBounces.Suspension> suspension = store.bounces(suspended.list(), address).flatMap(MemberBounces::suspension);
            if (suspension.isEmpty()) {
                continue;
            }
            Optional<Instant> probedAt = suspension.get().probedAt();
            if (probedAt.isEmpty() && (now || !at.isBefore(suspension.get().since().plus(settings.probeAfter())))) {
                store.startProbe(suspended.list(), address, at).ifPresent(token -> {
                    LOG.info("Probing {} on {}", address, suspended.list());
                    out.add(notices(list.get(), address).probe(VerpAddress.of(list.get(), token), at.plus(settings.probeWindow())));
                });
            } else if (probedAt.isPresent() && !at.isBefore(probedAt.get().plus(settings.probeWindow()))
                    && store.resume(suspended.list(), address)) {
                LOG.info("Probe to {} on {} did not bounce: delivery resumed", address, suspended.list());
                activity.resumedAfterProbe(suspended.list());
                out.addAll(notices(list.get(), address).resumed());
            }
        }
        return out;
    }

    private BounceNotices notices(MailingList list, String address) {
        return new BounceNotices(new ListMails(list), list, address, subscriptions.owners(list), clock.getZone());
    }
}
