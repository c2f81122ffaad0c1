package org.facteur.webmail.settings;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' settings in a database (PostgreSQL, or SQLite), table {@code webmail_settings} of {@link WebmailSchema}: the
 * nodes that share the database show a member the same settings whichever of them serves her.
 */
public final class JdbcSettingsStore implements SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSettingsStore.class);
    private final DataSource database;

    public JdbcSettingsStore(DataSource database) {
        this.database = database;
    }

    @Override
    public MemberSettings load(String address) throws IOException {
        try (Connection c = database.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT display_name, signature, group_conversations FROM webmail_settings WHERE member = ?")) {
            q.setString(1, member(address));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new MemberSettings(rs.getString(1), rs.getString(2), rs.getBoolean(3)) : MemberSettings.NONE;
            }
        } catch (SQLException e) {
            throw new IOException("the webmail settings could not be read from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String address, MemberSettings settings) throws IOException {
        try (Connection c = database.getConnection();
             PreparedStatement u = c.prepareStatement("INSERT INTO webmail_settings (member, display_name, signature, "
                     + "group_conversations) VALUES (?, ?, ?, ?) ON CONFLICT (member) DO UPDATE SET display_name = "
                     + "excluded.display_name, signature = excluded.signature, group_conversations = excluded.group_conversations")) {
            bind(u, address, settings);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("the webmail settings could not be saved in the database: " + e.getMessage(), e);
        }
    }

    /**
     * Copies in the settings of the members {@code files} knows and this store does not (a node's files from before it
     * shared the database), each by one insert that does nothing when she has settings here: the database wins, also
     * over a copy made at the same moment by another node. Returns how many members were copied; a file that cannot be
     * read is skipped with a warning.
     */
    public int copyMissing(FileSettingsStore files) throws IOException {
        int copied = 0;
        for (String address : files.members()) {
            MemberSettings settings;
            try {
                settings = files.load(address);
            } catch (IOException | RuntimeException e) {
                LOG.warn("webmail: this node's settings file of {} cannot be read, not copied: {}", address, e.toString());
                continue;
            }
            try (Connection c = database.getConnection();
                 PreparedStatement u = c.prepareStatement("INSERT INTO webmail_settings (member, display_name, signature, "
                         + "group_conversations) VALUES (?, ?, ?, ?) ON CONFLICT (member) DO NOTHING")) {
                bind(u, address, settings);
                copied += u.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("the webmail settings could not be copied into the database: " + e.getMessage(), e);
            }
        }
        return copied;
    }

    private static void bind(PreparedStatement u, String address, MemberSettings settings) throws SQLException {
        u.setString(1, member(address));
        u.setString(2, settings.displayName());
        u.setString(3, settings.signature());
        u.setBoolean(4, settings.groupConversations());
    }

    /** The key of a member, as {@link FileSettingsStore} names her file: the address stripped and lower-cased. */
    public static String member(String address) {
        String member = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (member.isEmpty()) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return member;
    }
}
