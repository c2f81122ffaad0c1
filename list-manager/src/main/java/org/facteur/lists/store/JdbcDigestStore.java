package org.facteur.lists.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * {@link DigestStore} on plain JDBC, in the list store's database (tables {@code fl_digest_post} and {@code fl_digest},
 * migration {@code V6__digests.sql}). Taking an issue first updates the list's {@code fl_digest} row: on PostgreSQL that
 * row lock makes a second node wait until the first committed, then find the posts gone; SQLite has one writer at a time.
 */
public final class JdbcDigestStore implements DigestStore {
    /** Orders posts kept in the same millisecond by this node: ids sort in the order they were made. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final DataSource dataSource;

    public JdbcDigestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void keep(String list, byte[] copy, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO fl_digest_post (id, list, added_at, message) VALUES (?,?,?,?)")) {
            ps.setString(1, String.format("%019d-%s", SEQUENCE.incrementAndGet(), UUID.randomUUID()));
            ps.setString(2, list);
            ps.setLong(3, at.toEpochMilli());
            ps.setBytes(4, copy);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("keep a post for the digest of " + list, e);
        }
    }

    @Override
    public List<DigestQueue> queues() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT list, COUNT(*), MIN(added_at) FROM fl_digest_post GROUP BY list ORDER BY list");
             ResultSet rs = ps.executeQuery()) {
            List<DigestQueue> queues = new ArrayList<>();
            while (rs.next()) {
                queues.add(new DigestQueue(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3))));
            }
            return queues;
        } catch (SQLException e) {
            throw failure("read the digest queues", e);
        }
    }

    @Override
    public Optional<DigestIssue> takeIssue(String list, Instant now, ZoneId zone, IssueSender send) {
        try (Connection c = dataSource.getConnection()) {
            execute(c, "INSERT INTO fl_digest (list, volume, issue, sent_at) VALUES (?, 0, 0, 0) ON CONFLICT (list) DO NOTHING", list);
            c.setAutoCommit(false);
            try {
                Optional<DigestIssue> issue = take(c, list, now, zone);
                if (issue.isEmpty()) {
                    c.rollback();
                    return issue;
                }
                send.send(issue.get());
                c.commit();
                return issue;
            } catch (Exception e) {
                c.rollback();
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException("The digest of " + list + " was not sent; its posts wait for the next one: "
                        + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw failure("take the digest of " + list, e);
        }
    }

    private static Optional<DigestIssue> take(Connection c, String list, Instant now, ZoneId zone) throws SQLException {
        execute(c, "UPDATE fl_digest SET sent_at = sent_at WHERE list = ?", list); // the lock, before reading anything
        int volume;
        int issue;
        Instant sentAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT volume, issue, sent_at FROM fl_digest WHERE list = ?")) {
            ps.setString(1, list);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                volume = rs.getInt(1);
                issue = rs.getInt(2);
                sentAt = Instant.ofEpochMilli(rs.getLong(3));
            }
        }
        List<String> ids = new ArrayList<>();
        List<byte[]> posts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, message FROM fl_digest_post WHERE list = ? ORDER BY added_at, id")) {
            ps.setString(1, list);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    posts.add(rs.getBytes(2));
                }
            }
        }
        if (posts.isEmpty()) {
            return Optional.empty();
        }
        for (String id : ids) {
            execute(c, "DELETE FROM fl_digest_post WHERE id = ?", id);
        }
        int[] next = DigestIssue.next(volume, issue, sentAt, now, zone);
        execute(c, "UPDATE fl_digest SET volume = ?, issue = ?, sent_at = ? WHERE list = ?", next[0], next[1], now.toEpochMilli(), list);
        return Optional.of(new DigestIssue(list, next[0], next[1], posts));
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static ListStoreException failure(String what, SQLException e) {
        return new ListStoreException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
