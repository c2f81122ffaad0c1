package org.facteur.mailserver.imap;

import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * SPECIAL-USE attributes (RFC 6154) for the folders Facteur creates and the names clients commonly use.
 * James only knows "Spam"; Thunderbird, K-9 and iOS Mail create and look for "Junk".
 */
public final class SpecialUseMailboxTyper implements MailboxTyper {
    private static final Map<String, MailboxType> BY_NAME = Map.ofEntries(
            Map.entry("inbox", MailboxType.INBOX),
            Map.entry("sent", MailboxType.SENT),
            Map.entry("drafts", MailboxType.DRAFTS),
            Map.entry("trash", MailboxType.TRASH),
            Map.entry("junk", MailboxType.SPAM),
            Map.entry("spam", MailboxType.SPAM),
            Map.entry("archive", MailboxType.ARCHIVE));

    @Inject
    public SpecialUseMailboxTyper() {
    }

    @Override
    public MailboxType getMailboxType(ImapSession session, MailboxPath path) {
        return BY_NAME.getOrDefault(path.getName().toLowerCase(Locale.ROOT), MailboxType.OTHER);
    }
}
