package org.facteur.lists.digest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.DigestKeeper;
import org.facteur.lists.store.DigestIssue;
import org.facteur.lists.store.DigestQueue;
import org.facteur.lists.store.DigestStore;
import org.facteur.lists.store.ListStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digests of lists: keeps each distributed post of a list with digest readers, and sends a list's digest (a MIME one
 * to members in {@code DIGEST}, a plain one to members in {@code DIGESTPLAIN}) when asked or when due. Digests go from
 * {@code <list>-owner@} in batches of {@code recipientsPerMessage}, as batched copies do: a digest is one mail a day
 * per member, its bounces reach the owners.
 */
public final class Digests implements DigestKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(Digests.class);

    private final ListStore store;
    private final DigestStore queue;
    private final DigestSettings settings;
    private final Clock clock;
    private final int recipientsPerMessage;

    public Digests(ListStore store, DigestSettings settings, Clock clock, int recipientsPerMessage) {
        this.store = store;
        this.queue = store.digests();
        this.settings = settings;
        this.clock = clock;
        this.recipientsPerMessage = recipientsPerMessage;
    }

    @Override
    public void keep(MailingList list, MimeMessage copy) {
        queue.keep(list.address(), MailComposer.bytes(copy), clock.instant());
    }

    /** Sends the list's digest now if posts wait for it; empty when none did (nothing is sent). */
    public Optional<DigestIssue> send(MailingList list, DigestSender sender) {
        List<Member> members = store.members(list.address());
        List<String> mime = readers(members, ReceptionMode.DIGEST);
        List<String> plain = readers(members, ReceptionMode.DIGESTPLAIN);
        Optional<DigestIssue> sent = queue.takeIssue(list.address(), clock.instant(), clock.getZone(), issue -> {
            List<OutgoingMail> mails = new ArrayList<>();
            batches(list, new MimeDigest(), issue, mime, mails);
            batches(list, new PlainDigest(), issue, plain, mails);
            sender.send(mails);
        });
        sent.ifPresent(issue -> LOG.info("Digest of {} vol {} issue {}: {} posts to {} members", list.address(), issue.volume(),
                issue.issue(), issue.posts().size(), mime.size() + plain.size()));
        return sent;
    }

    /** Sends every digest that is due (see {@link DigestSettings#isDue}); a list that fails is retried next time. */
    public List<DigestIssue> sendDue(Function<String, Optional<MailingList>> lists, DigestSender sender) {
        List<DigestIssue> sent = new ArrayList<>();
        for (DigestQueue waiting : queue.queues()) {
            Optional<MailingList> list = lists.apply(waiting.list());
            if (list.isEmpty() || !settings.isDue(waiting, clock.instant(), clock.getZone())) {
                continue;
            }
            try {
                send(list.get(), sender).ifPresent(sent::add);
            } catch (RuntimeException e) {
                LOG.warn("The digest of {} could not be sent; its posts wait for the next try", waiting.list(), e);
            }
        }
        return sent;
    }

    private void batches(MailingList list, DigestMail kind, DigestIssue issue, List<String> readers, List<OutgoingMail> out) {
        if (readers.isEmpty()) {
            return;
        }
        MimeMessage digest = kind.compose(list, issue, clock.instant());
        for (int from = 0; from < readers.size(); from += recipientsPerMessage) {
            out.add(new OutgoingMail(list.ownerAddress(), readers.subList(from, Math.min(readers.size(), from + recipientsPerMessage)),
                    digest));
        }
    }

    private static List<String> readers(List<Member> members, ReceptionMode mode) {
        return members.stream().filter(m -> m.has(Role.SUBSCRIBER) && m.reception() == mode).map(Member::address).toList();
    }
}
