package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;

/** James's request decoder, answering {@code NO} to a mailbox name that is not valid modified UTF-7 ({@link InvalidMailboxName}). */
final class MailboxNameCheckingDecoder implements ImapDecoder {
    private final ImapDecoder james;

    MailboxNameCheckingDecoder(ImapDecoder james) {
        this.james = james;
    }

    @Override
    public ImapMessage decode(ImapRequestLineReader request, ImapSession session) {
        try {
            return james.decode(request, session);
        } catch (Error e) {
            if (!InvalidMailboxName.thrownBy(e)) {
                throw e;
            }
            // The decoder does not say which command it was reading: the sequencer passed it on alone.
            String tag = CommandSequencer.forwardedTag(session);
            String command = CommandSequencer.forwardedCommand(session);
            return InvalidMailboxName.refusal(new Tag(tag.isEmpty() ? "*" : tag),
                    ImapCommand.anyStateCommand(command.isEmpty() ? "COMMAND" : command));
        }
    }
}
