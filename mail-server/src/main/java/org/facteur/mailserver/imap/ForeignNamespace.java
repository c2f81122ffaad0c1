package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.main.DeniedAccessOnSharedMailboxException;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;

/**
 * A mailbox name in a namespace other than the member's own: another user's ({@code #user.bob@example.org.INBOX}) or
 * a shared one ({@code #public.x}); Facteur offers neither (NAMESPACE lists only the personal one). James 3.8.1
 * throws on such a name while it builds the mailbox path, and for STATUS, SELECT, EXAMINE, APPEND, COPY, MOVE and
 * others it did so before its own refusal was in place, so the connection closed without a word. Facteur answers
 * {@code NO} with this text and the session goes on.
 */
final class ForeignNamespace {
    private static final HumanReadableText TEXT = new HumanReadableText("org.facteur.imap.FOREIGN_NAMESPACE",
            "failed. That name is in another user's or a shared namespace: you can only reach your own mailboxes "
                    + "(NAMESPACE lists them).");
    private static final UnpooledStatusResponseFactory RESPONSES = new UnpooledStatusResponseFactory();

    private ForeignNamespace() {
    }

    /** True for what James throws on such a name. */
    static boolean thrownBy(Throwable t) {
        return t instanceof DeniedAccessOnSharedMailboxException;
    }

    static StatusResponse refusal(Tag tag, ImapCommand command) {
        return RESPONSES.taggedNo(tag, command, TEXT);
    }
}
