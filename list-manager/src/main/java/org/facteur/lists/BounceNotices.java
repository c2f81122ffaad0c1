package org.facteur.lists;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.facteur.lists.bounce.Bounce;
import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.VerpAddress;

/**
 * What is said when bounces change a member's delivery, in the list's language: to the member (whose address may be
 * dead, but Sympa and Mailman write anyway: a full or misconfigured mailbox comes back) and one mail per change to the
 * owners naming the member, the score and what the member's server said.
 */
final class BounceNotices {
    private final ListMails mails;
    private final MailingList list;
    private final String member;
    private final List<String> owners;
    private final ZoneId zone;

    BounceNotices(ListMails mails, MailingList list, String member, List<String> owners, ZoneId zone) {
        this.mails = mails;
        this.list = list;
        this.member = member;
        this.owners = owners;
        this.zone = zone;
    }

    List<OutgoingMail> suspended(BounceScore score, Bounce failure, Instant probeOn) {
        Texts t = mails.texts();
        String resume = "SET " + list.localPart() + " MAIL";
        List<OutgoingMail> out = new ArrayList<>();
        out.add(mails.to(member, t.get("bounce.suspended.subject", list.name()),
                t.get("bounce.suspended.body", list.address(), failure.diagnostic().isEmpty() ? failure.status() : failure.diagnostic(),
                        resume, list.requestAddress(), mails.mailto(resume), t.date(probeOn, zone)), null, null));
        out.addAll(owners("bounce.owners.suspended", score.points(), failure.status(), failure.diagnostic(), t.date(probeOn, zone)));
        return out;
    }

    OutgoingMail probe(VerpAddress from, Instant windowEnd) {
        Texts t = mails.texts();
        String resume = "SET " + list.localPart() + " MAIL";
        OutgoingMail probe = mails.to(member, t.get("bounce.probe.subject", list.name()),
                t.get("bounce.probe.body", list.address(), t.date(windowEnd, zone), resume, list.requestAddress()), null, null);
        return new OutgoingMail(from.address(), probe.recipients(), probe.message());
    }

    List<OutgoingMail> resumed() {
        List<OutgoingMail> out = new ArrayList<>();
        out.add(mails.to(member, mails.texts().get("bounce.resumed.subject", list.name()),
                mails.texts().get("bounce.resumed.body", list.address()), null, null));
        out.addAll(owners("bounce.owners.resumed", 0, "", "", ""));
        return out;
    }

    List<OutgoingMail> removed(Bounce failure) {
        List<OutgoingMail> out = new ArrayList<>();
        out.add(mails.to(member, mails.texts().get("bounce.removed.subject", list.name()),
                mails.texts().get("bounce.removed.body", list.address(), list.subscribeAddress()), null, null));
        out.addAll(owners("bounce.owners.removed", 0, failure.status(), failure.diagnostic(), ""));
        return out;
    }

    /** One mail to each owner: {@code key.subject} and {@code key.body} with the member, list, points, status, diagnostic, date. */
    private List<OutgoingMail> owners(String key, int points, String status, String diagnostic, String date) {
        Texts t = mails.texts();
        return owners.stream().map(owner -> mails.to(owner, t.get(key + ".subject", list.name(), member),
                t.get(key + ".body", member, list.address(), points, status, diagnostic, date), null, null)).toList();
    }
}
