package org.facteur.mailserver.store.mailbox;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxId;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.SqlWork;

/**
 * Runs the mappers' SQL on Facteur's database and turns its failures into James's exceptions: a missing mailbox
 * row into {@link MailboxNotFoundException}, anything else into {@link MailboxException}.
 */
final class MailboxStorage {
    private MailboxStorage() {
    }

    /** Thrown inside a transaction when the mailbox it works on has gone; rolls the transaction back. */
    static final class NoSuchMailbox extends RuntimeException {
        final MailboxId id;

        NoSuchMailbox(MailboxId id) {
            super("No mailbox " + id, null, false, false);
            this.id = id;
        }
    }

    static <T> T write(Database database, SqlWork<T> work) throws MailboxException {
        try {
            return database.inTransaction(work);
        } catch (NoSuchMailbox e) {
            throw new MailboxNotFoundException(e.id);
        } catch (DatabaseException e) {
            throw new MailboxException("The mailbox store failed: " + e.getMessage(), e);
        }
    }

    static <T> T read(Database database, SqlWork<T> work) throws MailboxException {
        try {
            return database.read(work);
        } catch (DatabaseException e) {
            throw new MailboxException("The mailbox store failed: " + e.getMessage(), e);
        }
    }

    /** For code that cannot throw checked exceptions (reactive APIs): the same as {@link #read}, unchecked. */
    static <T> T readUnchecked(Database database, SqlWork<T> work) {
        return database.read(work);
    }
}
