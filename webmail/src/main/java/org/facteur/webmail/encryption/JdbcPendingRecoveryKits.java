package org.facteur.webmail.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.facteur.webmail.settings.JdbcSettingsStore;
import org.facteur.webmail.settings.WebmailSchema;

/** The reminders in a database (PostgreSQL, or SQLite), table {@code webmail_recovery_kit_pending} of {@link WebmailSchema}. */
public final class JdbcPendingRecoveryKits implements PendingRecoveryKits {
    private final DataSource database;

    public JdbcPendingRecoveryKits(DataSource database) {
        this.database = database;
    }

    @Override
    public boolean pending(String address) {
        return run("SELECT 1 FROM webmail_recovery_kit_pending WHERE member = ?", address, q -> {
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public void markPending(String address) {
        run("INSERT INTO webmail_recovery_kit_pending (member) VALUES (?) ON CONFLICT (member) DO NOTHING", address,
                PreparedStatement::executeUpdate);
    }

    @Override
    public void done(String address) {
        run("DELETE FROM webmail_recovery_kit_pending WHERE member = ?", address, PreparedStatement::executeUpdate);
    }

    /**
     * Moves a node's reminders in: each is added here, then its file deleted, so that a reminder the member settles
     * through another node does not come back when this one starts again. Returns how many were moved.
     */
    public int moveIn(FilePendingRecoveryKits files) throws IOException {
        int moved = 0;
        for (String member : files.members()) {
            try {
                markPending(member);
                files.done(member);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            moved++;
        }
        return moved;
    }

    private interface Statement<T> {
        T run(PreparedStatement q) throws SQLException;
    }

    private <T> T run(String sql, String address, Statement<T> work) {
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, JdbcSettingsStore.member(address));
            return work.run(q);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("the recovery-kit reminders could not be read or written in "
                    + "the database: " + e.getMessage(), e));
        }
    }
}
