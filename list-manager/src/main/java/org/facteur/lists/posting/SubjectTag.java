package org.facteur.lists.posting;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.ReplySubject;
import org.facteur.lists.model.HeaderText;
import org.facteur.lists.model.MailingList;

/**
 * Puts the list's tag in front of the subject exactly once: {@code Re: [team] Re: [team] Agenda} becomes
 * {@code [team] Re: Agenda}. The subject is rewritten on one line: a line break or a control character the poster
 * hid in an encoded word does not come back out.
 */
final class SubjectTag implements CopyDecorator {
    @Override
    public void decorate(MailingList list, MimeMessage copy) throws MessagingException {
        String subject = copy.getSubject();
        copy.setSubject(tag(list.subjectTag(), subject == null ? "" : subject), StandardCharsets.UTF_8.name());
    }

    static String tag(String tag, String subject) {
        String untagged = HeaderText.oneLine(Pattern.compile(Pattern.quote(tag), Pattern.CASE_INSENSITIVE).matcher(subject).replaceAll(" "));
        var prefix = ReplySubject.PREFIXES.matcher(untagged);
        if (prefix.find()) {
            untagged = ReplySubject.reply(untagged);
            if (prefix.group().trim().toLowerCase().startsWith("f") || prefix.group().trim().toLowerCase().startsWith("tr")) {
                untagged = "Fwd: " + untagged.substring(4);
            }
        }
        return (tag + " " + untagged).trim();
    }
}
