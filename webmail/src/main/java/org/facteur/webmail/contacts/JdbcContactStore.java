package org.facteur.webmail.contacts;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.facteur.webmail.settings.JdbcSettingsStore;
import org.facteur.webmail.settings.WebmailSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' address books in a database (PostgreSQL, or SQLite), tables {@code webmail_address_book} and
 * {@code webmail_contact} of {@link WebmailSchema}: one row per correspondent. A change locks the member's
 * {@code webmail_address_book} row first, reads, and writes only the rows that changed, all in one transaction, so
 * that two nodes recording her recipients at the same moment both count.
 */
public final class JdbcContactStore implements ContactStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcContactStore.class);
    private final DataSource database;

    public JdbcContactStore(DataSource database) {
        this.database = database;
    }

    @Override
    public ContactList load(String member) throws IOException {
        try (Connection c = database.getConnection()) {
            return load(c, JdbcSettingsStore.member(member));
        } catch (SQLException e) {
            throw new IOException("the address book could not be read from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String member, ContactList contacts) throws IOException {
        update(member, before -> contacts);
    }

    @Override
    public ContactList update(String member, UnaryOperator<ContactList> change) throws IOException {
        return change(member, (before, newBook) -> change.apply(before));
    }

    /**
     * Copies in the address books of the members {@code files} knows and this store does not (a node's files from
     * before it shared the database): each in the same transaction that finds the member without a book here, so a book
     * she has here, even one she emptied, is never replaced. Returns how many were copied; a file that cannot be read is
     * skipped with a warning.
     */
    public int copyMissing(FileContactStore files) throws IOException {
        int copied = 0;
        for (String member : files.members()) {
            ContactList fromFile;
            try {
                fromFile = files.load(member);
            } catch (IOException | RuntimeException e) {
                LOG.warn("webmail: this node's address book file of {} cannot be read, not copied: {}", member, e.toString());
                continue;
            }
            boolean[] fromThisFile = {false};
            change(member, (inDatabase, newBook) -> {
                fromThisFile[0] = newBook;
                return newBook ? fromFile : inDatabase;
            });
            copied += fromThisFile[0] && fromFile.size() > 0 ? 1 : 0;
        }
        return copied;
    }

    /** A change of one member's book given what is stored and whether she had no book here before this transaction. */
    private interface Change {
        ContactList apply(ContactList before, boolean newBook);
    }

    /**
     * Runs {@code change} in one transaction that holds the member's lock: reads her book, writes the rows that differ,
     * commits; when nothing differs, writes nothing (not even the row of a book she does not have).
     */
    private ContactList change(String member, Change change) throws IOException {
        String key = JdbcSettingsStore.member(member);
        try (Connection c = database.getConnection()) {
            // the pool puts auto-commit back when the connection returns (and the connection is closed otherwise)
            c.setAutoCommit(false);
            try {
                boolean newBook = lock(c, key);
                ContactList before = load(c, key);
                ContactList after = change.apply(before, newBook);
                if (after.stored().equals(before.stored())) {
                    c.rollback();
                } else {
                    write(c, key, before, after);
                    c.commit();
                }
                return after;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("the address book could not be saved in the database: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the member's row lock (PostgreSQL), or the database's write lock (SQLite), until the transaction ends;
     * whether her book's row was created now.
     */
    private static boolean lock(Connection c, String member) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO webmail_address_book (member, changes) VALUES (?, 0) ON CONFLICT (member) DO NOTHING");
             PreparedStatement bump = c.prepareStatement(
                     "UPDATE webmail_address_book SET changes = changes + 1 WHERE member = ?")) {
            insert.setString(1, member);
            boolean created = insert.executeUpdate() == 1;
            bump.setString(1, member);
            bump.executeUpdate();
            return created;
        }
    }

    private static ContactList load(Connection c, String member) throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT name, address, uses, last_used FROM webmail_contact WHERE member = ?")) {
            q.setString(1, member);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    contacts.add(new Contact(rs.getString(1), rs.getString(2), rs.getInt(3), Instant.ofEpochSecond(rs.getLong(4))));
                }
            }
        }
        return ContactList.of(contacts);
    }

    private static void write(Connection c, String member, ContactList before, ContactList after) throws SQLException {
        Map<String, Contact> old = new HashMap<>();
        before.stored().forEach(contact -> old.put(contact.key(), contact));
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO webmail_contact (member, address_key, address, name, "
                + "uses, last_used) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (member, address_key) DO UPDATE SET "
                + "address = excluded.address, name = excluded.name, uses = excluded.uses, last_used = excluded.last_used");
             PreparedStatement delete = c.prepareStatement("DELETE FROM webmail_contact WHERE member = ? AND address_key = ?")) {
            for (Contact contact : after.stored()) {
                Contact was = old.remove(contact.key());
                if (!contact.equals(was)) {
                    upsert.setString(1, member);
                    upsert.setString(2, contact.key());
                    upsert.setString(3, contact.address());
                    upsert.setString(4, contact.name());
                    upsert.setInt(5, contact.uses());
                    upsert.setLong(6, contact.lastUsed().getEpochSecond());
                    upsert.addBatch();
                }
            }
            for (String gone : old.keySet()) {
                delete.setString(1, member);
                delete.setString(2, gone);
                delete.addBatch();
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
    }
}
