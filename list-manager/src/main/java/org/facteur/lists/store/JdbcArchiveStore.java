package org.facteur.lists.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * {@link ArchiveStore} on plain JDBC, in the list store's database (table {@code fl_archive}, migration
 * {@code V7__archives.sql}). Ids are random UUIDs: they go into public URLs ({@code Archived-At}), where a counter
 * would tell how many posts a list has and let anyone walk a members-only archive's ids.
 */
public final class JdbcArchiveStore implements ArchiveStore {
    private static final String COLUMNS = "id, list, archived_at, message_id, in_reply_to, refs, from_address, subject, sent_at, size";
    /** Rows the PostgreSQL driver fetches at a time while a whole archive is walked. */
    private static final int FETCH_SIZE = 50;

    private final DataSource dataSource;

    public JdbcArchiveStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ArchiveEntry add(String list, ArchiveEntry headers, byte[] message) {
        ArchiveEntry entry = new ArchiveEntry(UUID.randomUUID().toString(), list, headers.archivedAt(), headers.messageId(),
                headers.inReplyTo(), headers.references(), headers.from(), headers.subject(), headers.sentAt(), message.length);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO fl_archive (" + COLUMNS + ", message) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, entry.id());
            ps.setString(2, list);
            ps.setLong(3, entry.archivedAt().toEpochMilli());
            ps.setString(4, entry.messageId());
            ps.setString(5, entry.inReplyTo());
            ps.setString(6, String.join(" ", entry.references()));
            ps.setString(7, entry.from());
            ps.setString(8, entry.subject());
            if (entry.sentAt().isPresent()) {
                ps.setLong(9, entry.sentAt().get().toEpochMilli());
            } else {
                ps.setNull(9, Types.BIGINT);
            }
            ps.setInt(10, entry.size());
            ps.setBytes(11, message);
            ps.executeUpdate();
            return entry;
        } catch (SQLException e) {
            throw failure("archive a post of " + list, e);
        }
    }

    @Override
    public List<ArchiveEntry> month(String list, YearMonth month, ZoneId zone) {
        long from = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fl_archive WHERE list = ?"
                     + " AND archived_at >= ? AND archived_at < ? ORDER BY archived_at, id")) {
            ps.setString(1, list);
            ps.setLong(2, from);
            ps.setLong(3, to);
            List<ArchiveEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failure("read the archive of " + list + " for " + month, e);
        }
    }

    @Override
    public List<YearMonth> months(String list, ZoneId zone) {
        return List.copyOf(monthCounts(list, zone).sequencedKeySet());
    }

    @Override
    public java.util.SequencedMap<YearMonth, Integer> monthCounts(String list, ZoneId zone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT archived_at FROM fl_archive WHERE list = ? ORDER BY archived_at")) {
            ps.setString(1, list);
            ps.setFetchSize(1_000);
            java.util.LinkedHashMap<YearMonth, Integer> months = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    months.merge(YearMonth.from(Instant.ofEpochMilli(rs.getLong(1)).atZone(zone)), 1, Integer::sum);
                }
            }
            return months;
        } catch (SQLException e) {
            throw failure("read the archive months of " + list, e);
        }
    }

    @Override
    public Optional<ArchivedPost> find(String list, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", message FROM fl_archive WHERE list = ? AND id = ?")) {
            ps.setString(1, list);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ArchivedPost(entry(rs), rs.getBytes("message"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read an archived post of " + list, e);
        }
    }

    @Override
    public boolean remove(String list, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM fl_archive WHERE list = ? AND id = ?")) {
            ps.setString(1, list);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("remove an archived post of " + list, e);
        }
    }

    @Override
    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fl_archive");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count the archived posts", e);
        }
    }

    @Override
    public List<String> lists() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT list FROM fl_archive ORDER BY list");
             ResultSet rs = ps.executeQuery()) {
            List<String> lists = new ArrayList<>();
            while (rs.next()) {
                lists.add(rs.getString(1));
            }
            return lists;
        } catch (SQLException e) {
            throw failure("read the archived lists", e);
        }
    }

    @Override
    public void each(String list, PostVisitor visitor) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams rows (fetch size) only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", message FROM fl_archive WHERE list = ?"
                    + " ORDER BY archived_at, id")) {
                ps.setString(1, list);
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(new ArchivedPost(entry(rs), rs.getBytes("message")));
                    }
                }
            } finally {
                c.rollback(); // read only
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("read the archive of " + list, e);
        }
    }

    private static ArchiveEntry entry(ResultSet rs) throws SQLException {
        String refs = rs.getString("refs");
        long sentAt = rs.getLong("sent_at");
        Optional<Instant> sent = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sentAt));
        return new ArchiveEntry(rs.getString("id"), rs.getString("list"), Instant.ofEpochMilli(rs.getLong("archived_at")),
                rs.getString("message_id"), rs.getString("in_reply_to"),
                refs.isBlank() ? List.of() : Arrays.asList(refs.split(" ")), rs.getString("from_address"),
                rs.getString("subject"), sent, rs.getInt("size"));
    }

    private static ListStoreException failure(String what, SQLException e) {
        return new ListStoreException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
