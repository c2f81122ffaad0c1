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

/**
 * Members' address books in a database (PostgreSQL, or SQLite), tables {@code webmail_address_book} and
 * {@code webmail_contact} of {@link WebmailSchema}: one row per correspondent. A change locks the member's
 * {@code webmail_address_book} row first, reads, and writes only the rows that changed, all in one transaction, so
 * that two nodes recording her recipients at the same moment both count.
 */
public final class JdbcContactStore implements ContactStore {
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
        String key = JdbcSettingsStore.member(member);
        try (Connection c = database.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lock(c, key);
                ContactList before = load(c, key);
                ContactList after = change.apply(before);
                write(c, key, before, after);
                c.commit();
                return after;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("the address book could not be saved in the database: " + e.getMessage(), e);
        }
    }

    /**
     * Copies in the address books of the members {@code files} knows and this store does not (a node's files from
     * before it shared the database); the database wins for the others. Returns how many members were copied.
     */
    public int copyMissing(FileContactStore files) throws IOException {
        int copied = 0;
        for (String member : files.members()) {
            if (!hasBook(JdbcSettingsStore.member(member))) {
                ContactList fromFile = files.load(member);
                save(member, fromFile);
                copied++;
            }
        }
        return copied;
    }

    /** Whether the member has a book here, even an empty one (she may have deleted every contact through a node). */
    private boolean hasBook(String member) throws IOException {
        try (Connection c = database.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM webmail_address_book WHERE member = ?")) {
            q.setString(1, member);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IOException("the address book could not be read from the database: " + e.getMessage(), e);
        }
    }

    /** Takes the member's row lock (PostgreSQL), or the database's write lock (SQLite), until the commit. */
    private static void lock(Connection c, String member) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO webmail_address_book (member, changes) VALUES (?, 0) ON CONFLICT (member) DO NOTHING");
             PreparedStatement bump = c.prepareStatement(
                     "UPDATE webmail_address_book SET changes = changes + 1 WHERE member = ?")) {
            insert.setString(1, member);
            insert.executeUpdate();
            bump.setString(1, member);
            bump.executeUpdate();
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
