package org.facteur.lists;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.facteur.lists.bounce.BounceSettings;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.store.BouncingMember;
import org.facteur.lists.store.ListStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owners' weekly bounce summary: every Monday from the digests' daily time (server time), each list with members
 * who have bounce points or are suspended sends its owners one mail naming them, their points against the threshold,
 * the last failure and where their suspension stands. Owners are told of each suspension, resumption and removal as it
 * happens ({@link BounceNotices}); this is the view of those still on their way there. A week missed while the server
 * was down is sent when it comes back; the store's claim makes one node send it, once.
 */
final class BounceSummaries {
    private static final Logger LOG = LoggerFactory.getLogger(BounceSummaries.class);

    private final ListStore store;
    private final Subscriptions subscriptions;
    private final BounceSettings settings;
    private final LocalTime sendAt;
    private final Clock clock;

    BounceSummaries(ListStore store, Subscriptions subscriptions, BounceSettings settings, LocalTime sendAt, Clock clock) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.sendAt = sendAt;
        this.clock = clock;
    }

    List<OutgoingMail> sendDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate monday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate week = now.isBefore(monday.atTime(sendAt)) ? monday.minusWeeks(1) : monday;
        List<OutgoingMail> out = new ArrayList<>();
        for (MailingList list : store.lists()) {
            List<BouncingMember> bouncing = store.bouncingMembers(list.address());
            List<String> owners = subscriptions.owners(list);
            if (bouncing.isEmpty() || owners.isEmpty() || !store.claimBounceSummary(list.address(), week)) {
                continue;
            }
            LOG.info("Bounce summary of {}: {} members", list.address(), bouncing.size());
            out.addAll(summary(list, bouncing, owners));
        }
        return out;
    }

    private List<OutgoingMail> summary(MailingList list, List<BouncingMember> bouncing, List<String> owners) {
        ListMails mails = new ListMails(list);
        Texts t = mails.texts();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMMM yyyy", t.locale());
        StringBuilder lines = new StringBuilder();
        for (BouncingMember member : bouncing) {
            MemberBounces b = member.bounces();
            lines.append(t.get("bounce.summary.member", member.address(), b.score().points(), settings.score().threshold(),
                    b.score().lastBounce().map(day::format).orElse("-"), b.diagnostic().isEmpty() ? "-" : b.diagnostic()));
            b.suspension().ifPresent(s -> lines.append('\n').append(s.probedAt()
                    .map(probed -> t.get("bounce.summary.probed", t.date(s.since(), clock.getZone()), t.date(probed, clock.getZone())))
                    .orElseGet(() -> t.get("bounce.summary.suspended", t.date(s.since(), clock.getZone())))));
            lines.append('\n');
        }
        String subject = t.get("bounce.summary.subject", list.name(), bouncing.size());
        String body = t.get("bounce.summary.body", list.address(), lines.toString(), settings.score().threshold(),
                settings.score().staleAfterDays(), settings.probeAfter().toDays(), "./facteur admin list probe " + list.address());
        return owners.stream().map(owner -> mails.to(owner, subject, body, null, null)).toList();
    }
}
