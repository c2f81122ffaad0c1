package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.model.MailboxId;

/** A mailbox's id: the mailbox row's key. */
public record SqlMailboxId(long value) implements MailboxId {

    public static SqlMailboxId of(long value) {
        return new SqlMailboxId(value);
    }

    public static long raw(MailboxId id) {
        return ((SqlMailboxId) id).value();
    }

    @Override
    public String serialize() {
        return Long.toString(value);
    }

    @Override
    public String toString() {
        return serialize();
    }

    public static final class Factory implements MailboxId.Factory {
        @Override
        public SqlMailboxId fromString(String serialized) {
            return of(Long.parseLong(serialized));
        }
    }
}
