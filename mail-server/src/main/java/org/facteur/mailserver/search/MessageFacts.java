package org.facteur.mailserver.search;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

/**
 * What search reads of each message from the store, never its content: UID, flags, mod-seq, size, dates and ids.
 * These are always current, so search never answers them from the index.
 */
public record MessageFacts(MessageUid uid, Flags flags, ModSeq modSeq, long size, Date internalDate,
                           Optional<Date> saveDate, MessageId messageId, ThreadId threadId) {

    static MessageFacts of(MailboxMessage m) {
        return new MessageFacts(m.getUid(), m.createFlags(), m.getModSeq(), m.getFullContentOctets(), m.getInternalDate(),
                m.getSaveDate(), m.getMessageId(), m.getThreadId());
    }

    /** A store that lists a mailbox's facts in one read, faster than loading its messages (the message mapper). */
    public interface Source {
        /** The facts of every message of {@code mailbox}, in UID order. */
        List<MessageFacts> facts(Mailbox mailbox) throws MailboxException;

        /**
         * A value that changes whenever any fact of the mailbox changes (a message added, expunged or moved away, a
         * flag changed), so that facts read under one version can be reused while it stays. Read it before the facts.
         */
        Version version(Mailbox mailbox) throws MailboxException;
    }

    /** The mailbox row's counters that every change moves: the last UID, the highest mod-seq, the message count. */
    public record Version(long lastUid, long highestModSeq, long messages) {
    }
}
