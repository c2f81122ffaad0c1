package org.facteur.lists.posting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Role;

/**
 * Turns an accepted post into one copy for all receiving members (the accept pipeline), sent from
 * {@code <list>-owner@} so that bounces reach the list, not the poster. One message with every recipient: the
 * mail server groups recipients by domain, many per SMTP transaction.
 */
public final class Distribution {
    private final List<CopyDecorator> pipeline = List.of(new CleanseHeaders(), new SubjectTag(), new Footer(), new ListHeaders());

    public Optional<OutgoingMail> distribute(MailingList list, byte[] post, Optional<String> author, List<Member> members) {
        List<String> recipients = new ArrayList<>();
        for (Member member : members) {
            if (receives(member, author)) {
                recipients.add(member.address());
            }
        }
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        try {
            MimeMessage copy = MailComposer.parse(post);
            for (CopyDecorator decorator : pipeline) {
                decorator.decorate(list, copy);
            }
            copy.saveChanges();
            return Optional.of(new OutgoingMail(list.ownerAddress(), recipients, copy));
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot prepare the post for " + list.address() + ": " + e.getMessage(), e);
        }
    }

    private static boolean receives(Member member, Optional<String> author) {
        if (!member.has(Role.SUBSCRIBER)) {
            return false;
        }
        return switch (member.reception()) {
            case MAIL -> true;
            case NOT_ME -> author.map(a -> !a.equals(member.address())).orElse(true);
            case NOMAIL, DIGEST -> false;
        };
    }
}
