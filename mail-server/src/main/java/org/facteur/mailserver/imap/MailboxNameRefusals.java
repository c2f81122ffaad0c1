package org.facteur.mailserver.imap;

import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.mailbox.exception.HasEmptyMailboxNameInHierarchyException;
import org.apache.james.mailbox.exception.MailboxNameException;
import org.apache.james.mailbox.exception.TooLongMailboxNameException;

/**
 * What to tell a client whose new mailbox name James refuses (CREATE, RENAME): James 3.8.1 answered "processing
 * failed" and logged a stack trace for a client's mistake. Over-long names keep James's own answer.
 */
final class MailboxNameRefusals {
    static final HumanReadableText EMPTY = new HumanReadableText("org.facteur.imap.name.EMPTY",
            "failed. That name is empty once its namespace prefix is taken off: give the mailbox a name.");
    static final HumanReadableText EMPTY_LEVEL = new HumanReadableText("org.facteur.imap.name.EMPTY_LEVEL",
            "failed. A mailbox name cannot have an empty level: '.' separates levels, so it cannot start the name "
                    + "or come twice in a row.");
    static final HumanReadableText FORBIDDEN = new HumanReadableText("org.facteur.imap.name.FORBIDDEN",
            "failed. A mailbox name cannot contain '%' or '*' (they are LIST wildcards) nor start with '#'.");

    private MailboxNameRefusals() {
    }

    /**
     * Whether {@code mailboxName} is empty once its namespace prefix is taken off ({@code #private},
     * {@code #private.}).
     */
    static boolean isEmpty(String mailboxName, ImapSession session) {
        String name = PathConverter.forSession(session).buildFullPath(mailboxName).getName();
        String delimiter = String.valueOf(session.getMailboxSession().getPathDelimiter());
        return name.isEmpty() || name.equals(delimiter);
    }

    /** The sentence for {@code error}, or empty when it is not a refused name (or one James answers itself). */
    static Optional<HumanReadableText> of(Throwable error) {
        if (!(error instanceof MailboxNameException) || error instanceof TooLongMailboxNameException) {
            return Optional.empty();
        }
        return Optional.of(error instanceof HasEmptyMailboxNameInHierarchyException ? EMPTY_LEVEL : FORBIDDEN);
    }
}
