package org.facteur.lists.posting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Copies;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;

/**
 * Turns an accepted post into the copy members receive (the accept pipeline), sent from {@code <list>-owner@} so
 * that bounces reach the list, not the poster. Personal (a list's default): one copy per member, see
 * {@link PersonalCopies}. Batched: recipients sorted by domain and cut into batches of {@code recipientsPerMessage},
 * each batch one message (one SMTP transaction per domain in it).
 */
public final class Distribution {
    private final List<CopyDecorator> pipeline;
    private final int recipientsPerMessage;
    private final PersonalCopies personal;
    private final DigestKeeper digests;
    private final ArchiveKeeper archives;
    private final Optional<URI> publicUrl;

    /** Without DMARC lookups: every From is kept. */
    public Distribution(int recipientsPerMessage, PersonalCopies personal) {
        this(recipientsPerMessage, DmarcPolicies.NOT_ASKED, personal);
    }

    /**
     * @param dmarc the authors' DMARC policies, which decide whether a copy's From becomes the list's
     * @param personal how each member's own copy is made, for lists with personal copies
     */
    public Distribution(int recipientsPerMessage, DmarcPolicies dmarc, PersonalCopies personal) {
        this(recipientsPerMessage, dmarc, personal, DigestKeeper.NONE);
    }

    /** @param digests keeps each post of a list with members on digest, the copy as they would get it, for their digests */
    public Distribution(int recipientsPerMessage, DmarcPolicies dmarc, PersonalCopies personal, DigestKeeper digests) {
        this(recipientsPerMessage, dmarc, personal, digests, ArchiveKeeper.NONE, Optional.empty());
    }

    /**
     * @param archives keeps each post of a list whose archive is on, the copy as members get it, once
     * @param publicUrl base of the web side's archive pages, for the copies' {@code List-Archive} and {@code Archived-At}
     *        (see {@link ArchiveLinks}); empty: no such headers
     */
    public Distribution(int recipientsPerMessage, DmarcPolicies dmarc, PersonalCopies personal, DigestKeeper digests,
            ArchiveKeeper archives, Optional<URI> publicUrl) {
        this.recipientsPerMessage = recipientsPerMessage;
        this.pipeline = List.of(new CleanseHeaders(), new DmarcSafeCopy(dmarc), new SubjectTag(), new Footer(), new ListHeaders());
        this.personal = personal;
        this.digests = digests;
        this.archives = archives;
        this.publicUrl = publicUrl;
    }

    public List<OutgoingMail> distribute(MailingList list, byte[] post, Optional<String> author, List<Member> members) {
        List<String> recipients = new ArrayList<>();
        for (Member member : members) {
            if (receives(member, author)) {
                recipients.add(member.address());
            }
        }
        boolean digestReaders = members.stream().anyMatch(m -> m.has(Role.SUBSCRIBER) && m.reception().isDigest());
        boolean archived = list.archive().keepsPosts();
        if (recipients.isEmpty() && !digestReaders && !archived) {
            return List.of();
        }
        recipients.sort(java.util.Comparator.comparing((String r) -> r.substring(r.indexOf('@') + 1)).thenComparing(r -> r));
        try {
            MimeMessage copy = MailComposer.parse(post);
            for (CopyDecorator decorator : pipeline) {
                decorator.decorate(list, copy);
            }
            ArchiveLinks.listArchive(copy, list, publicUrl);
            copy.saveChanges();
            if (digestReaders) {
                digests.keep(list, copy);
            }
            if (archived) {
                ArchiveLinks.archivedAt(copy, list, archives.keep(list, copy), publicUrl);
            }
            if (recipients.isEmpty()) {
                return List.of();
            }
            if (list.copies() == Copies.PERSONAL) {
                return personal.copies(list, copy, recipients);
            }
            List<OutgoingMail> batches = new ArrayList<>();
            for (int from = 0; from < recipients.size(); from += recipientsPerMessage) {
                batches.add(new OutgoingMail(list.ownerAddress(),
                        recipients.subList(from, Math.min(recipients.size(), from + recipientsPerMessage)), copy));
            }
            return batches;
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot prepare the post for " + list.address() + ": " + e.getMessage(), e);
        }
    }

    private static boolean receives(Member member, Optional<String> author) {
        if (!member.receivesPosts()) {
            return false;
        }
        return member.reception() != ReceptionMode.NOT_ME || author.map(a -> !a.equals(member.address())).orElse(true);
    }
}
