package org.facteur.lists;

import java.util.ArrayList;
import java.util.List;

import org.facteur.lists.mail.OutgoingMail;

/**
 * What handling one incoming mail produced: lines for the summary sent back to the sender, and other mails
 * (confirmations, notices, distributed posts). A command that writes to the sender in its own mail adds no line,
 * so that a lone SUB yields one mail (the confirmation request), not two.
 */
final class Replies {
    private final List<String> lines = new ArrayList<>();
    private final List<OutgoingMail> mails = new ArrayList<>();

    void line(String text) {
        lines.add(text);
    }

    void mail(OutgoingMail mail) {
        mails.add(mail);
    }

    List<String> lines() {
        return lines;
    }

    List<OutgoingMail> mails() {
        return mails;
    }
}
