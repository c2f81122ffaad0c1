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
 * and from LIST and LSUB, and closed the connection without a word; Facteur answers {@code BAD} with this text and
 * keeps the connection.
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

    static StatusResponse bad(Tag tag, ImapCommand command) {
        return RESPONSES.taggedBad(tag, command, TEXT);
    }
}
