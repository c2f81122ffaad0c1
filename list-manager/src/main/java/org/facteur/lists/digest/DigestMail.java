package org.facteur.lists.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.posting.ListHeaders;
import org.facteur.lists.store.DigestIssue;

/**
 * What both kinds of digest share: the envelope of the mail (from the list, to the list, the list headers of normal
 * copies, numbered subject) and the table of contents.
 */
abstract class DigestMail {

    /** The digest of this issue, its body left to the subclass. */
    final MimeMessage compose(MailingList list, DigestIssue issue, Instant date) {
        Texts texts = new Texts(list.language());
        List<DigestEntry> entries = issue.posts().stream().map(DigestEntry::of).toList();
        String title = texts.get("digest.subject", list.subjectTag(), issue.volume(), issue.issue());
        StringBuilder toc = new StringBuilder(title).append("\n\n").append(texts.get("digest.topics", entries.size())).append("\n\n");
        for (int i = 0; i < entries.size(); i++) {
            toc.append(entries.get(i).tocLine(i + 1)).append('\n');
        }
        try {
            MimeMessage digest = new MimeMessage(MailComposer.session());
            digest.setFrom(new InternetAddress(list.address(), list.name(), StandardCharsets.UTF_8.name()));
            digest.setRecipient(Message.RecipientType.TO, new InternetAddress(list.address()));
            digest.setSubject(title, StandardCharsets.UTF_8.name());
            digest.setSentDate(Date.from(date));
            body(digest, toc.toString(), entries, texts.get("digest.end", list.subjectTag(), issue.volume(), issue.issue()));
            new ListHeaders().decorate(list, digest);
            digest.saveChanges();
            return digest;
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Cannot compose the digest of " + list.address() + ": " + e.getMessage(), e);
        }
    }

    abstract void body(MimeMessage digest, String toc, List<DigestEntry> entries, String end)
            throws MessagingException, java.io.IOException;
}
