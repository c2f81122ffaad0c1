package org.facteur.mailserver.imap.append;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/**
 * An APPEND carrying several messages (MULTIAPPEND, RFC 3502): stored all together or not at all. An APPEND of one
 * message stays James's {@code AppendRequest}, so that path is unchanged.
 */
public final class MultiAppendRequest extends AbstractImapRequest implements Closeable {
    private final String mailboxName;
    private final List<AppendedMessage> messages;
    private final AtomicBoolean closed = new AtomicBoolean();

    public MultiAppendRequest(String mailboxName, List<AppendedMessage> messages, Tag tag) {
        super(tag, ImapConstants.APPEND_COMMAND);
        this.mailboxName = mailboxName;
        this.messages = List.copyOf(messages);
    }

    public String mailboxName() {
        return mailboxName;
    }

    public List<AppendedMessage> messages() {
        return messages;
    }

    /**
     * Releases the literals (temporary files) of every message, once: {@link MultiAppendProcessor} closes the request
     * when it is done with it, and James's channel handler closes every {@link Closeable} request after processing;
     * a second deletion of the file would log an error. See {@link CommandLiterals}.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            CommandLiterals.release(messages.stream().map(AppendedMessage::content).toList());
        }
    }

    @Override
    public String toString() {
        return "MultiAppendRequest{" + mailboxName + ", " + messages.size() + " messages}";
    }
}
