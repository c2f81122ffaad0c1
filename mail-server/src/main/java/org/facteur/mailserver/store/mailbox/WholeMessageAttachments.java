package org.facteur.mailserver.store.mailbox;

import java.io.InputStream;

import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.AttachmentNotFoundException;
import org.apache.james.mailbox.model.AttachmentMetadata;

/**
 * Attachments are not stored apart from their message (the body is one blob), so none can be loaded on its own;
 * IMAP and the search index read them from the message. Only James's JMAP would ask, and Facteur does not run it.
 */
public final class WholeMessageAttachments implements AttachmentContentLoader {
    @Override
    public InputStream load(AttachmentMetadata attachment, MailboxSession session) throws AttachmentNotFoundException {
        throw new AttachmentNotFoundException(attachment.getAttachmentId().getId());
    }
}
