package org.facteur.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.facteur.lists.mail.OutgoingMail;

/**
 * What handling one incoming mail produced: lines for the summary sent back to the sender, and other mails
 * (confirmations, notices, distributed posts). A command that writes to the sender in its own mail adds no line,
 * so that a lone SUB yields one mail (the confirmation request), not two.
 */
final class Replies {
    private final List<String> lines = new ArrayList<>();
    private final List<OutgoingMail> mails = new ArrayList<>();
    private final Set<OutgoingMail> notices = Collections.newSetFromMap(new IdentityHashMap<>());

    void line(String text) {
        lines.add(text);
    }

    /** A notice from the robot (welcome, goodbye, outcome of a decision): counted as a reply when it goes to the sender. */
    void mail(OutgoingMail mail) {
        mails.add(mail);
        notices.add(mail);
    }

    /** A confirmation or approval request, already counted against its recipient's quota when it was made. */
    void request(OutgoingMail mail) {
        mails.add(mail);
    }

    /** A copy of a post going out to the members: list traffic, not a reply. */
    void post(OutgoingMail mail) {
        mails.add(mail);
    }

    boolean isNotice(OutgoingMail mail) {
        return notices.contains(mail);
    }

    List<String> lines() {
        return lines;
    }

    List<OutgoingMail> mails() {
        return mails;
    }
}
