package org.facteur.mailserver.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC shapes the stores use, with parameters bound by type: {@code null}, numbers, strings,
 * booleans, {@code byte[]}, and {@link Instant} as epoch milliseconds (so that SQLite and PostgreSQL
 * store times the same way, as BIGINT).
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
        }
    }

    /** INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            switch (p) {
                case null -> ps.setNull(at, Types.NULL);
                case Instant t -> ps.setLong(at, t.toEpochMilli());
                case byte[] b -> ps.setBytes(at, b);
                case Boolean b -> ps.setBoolean(at, b);
                case Long l -> ps.setLong(at, l);
                case Integer n -> ps.setInt(at, n);
                case String s -> ps.setString(at, s);
                default -> ps.setObject(at, p);
            }
        }
    }

    /** A nullable BIGINT column as a {@code Long}. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The nullable BIGINT in column {@code index} as a {@code Long}. */
    public static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }
}
