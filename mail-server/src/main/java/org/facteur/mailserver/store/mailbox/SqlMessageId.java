package org.facteur.mailserver.store.mailbox;

import java.util.UUID;

import org.apache.james.mailbox.model.MessageId;

/**
 * A message's id, the same in every mailbox that holds a copy of it (James's MessageId, IMAP's EMAILID). A random
 * UUID: it is chosen before the message is stored, on any node, without asking the database.
 */
public record SqlMessageId(UUID value) implements MessageId {

    public static SqlMessageId of(String serialized) {
        return new SqlMessageId(UUID.fromString(serialized));
    }

    @Override
    public String serialize() {
        return value.toString();
    }

    @Override
    public boolean isSerializable() {
        return true;
    }

    @Override
    public String toString() {
        return serialize();
    }

    public static final class Factory implements MessageId.Factory {
        @Override
        public SqlMessageId fromString(String serialized) {
            return of(serialized);
        }

        @Override
        public SqlMessageId generate() {
            return new SqlMessageId(UUID.randomUUID());
        }
    }
}
