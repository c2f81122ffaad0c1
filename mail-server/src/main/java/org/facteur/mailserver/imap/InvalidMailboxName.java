package org.facteur.mailserver.imap;

import java.nio.charset.CharacterCodingException;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;

/**
 * A mailbox name or pattern that is not valid modified UTF-7 (RFC 3501 §5.1.3: {@code &} followed by something other
 * than base64 and {@code -}). James 3.8.1 throws a {@code java.lang.Error} on one, from its decoder (SELECT, CREATE…)
 * and from LIST and LSUB, and closed the connection without a word. Facteur keeps the connection and answers as
 * Dovecot does: {@code NO} with this text (the command is well formed, the name cannot exist), and for LIST and LSUB
 * an {@code OK} with no mailbox, since no mailbox can have such a name.
 */
final class InvalidMailboxName {
    private static final HumanReadableText TEXT = new HumanReadableText("org.facteur.imap.INVALID_MAILBOX_NAME",
            "failed. The mailbox name is not valid modified UTF-7 (RFC 3501 section 5.1.3): "
                    + "'&' must start a base64 sequence ended by '-', and '&-' stands for '&' itself.");
    private static final UnpooledStatusResponseFactory RESPONSES = new UnpooledStatusResponseFactory();

    private InvalidMailboxName() {
    }

    /** True for what James throws on such a name. */
    static boolean thrownBy(Throwable t) {
        return t instanceof Error && t.getCause() instanceof CharacterCodingException;
    }

    static StatusResponse refusal(Tag tag, ImapCommand command) {
        String name = command.getName().toUpperCase(java.util.Locale.ROOT);
        if (name.equals("LIST") || name.equals("LSUB")) {
            return RESPONSES.taggedOk(tag, command, HumanReadableText.COMPLETED);
        }
        return RESPONSES.taggedNo(tag, command, TEXT);
    }
}
