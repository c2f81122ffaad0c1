package org.facteur.lists.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.facteur.lists.bounce.BounceScore;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.Copies;
import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.MemberToken;
import org.facteur.lists.model.Policies;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.ReplyToPolicy;
import org.facteur.lists.model.ReviewPolicy;
import org.facteur.lists.model.Role;
import org.facteur.lists.model.SendPolicy;
import org.facteur.lists.model.SubscribePolicy;
import org.facteur.lists.model.UnsubscribePolicy;

/**
 * {@link ListStore} on plain JDBC, the same SQL for SQLite (embedded) and PostgreSQL. Times are stored as epoch
 * milliseconds and Message-IDs as SHA-256 digests, so that no column type differs between the two but the
 * message bytes. The tables come from the scripts of {@link ListStoreSchema}, applied before the store opens.
 */
public final class JdbcListStore implements ListStore {
    private final DataSource dataSource;

    public JdbcListStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unique or primary key was violated: PostgreSQL's SQL state 23505, SQLite's SQLITE_CONSTRAINT (19) on a key. */
    static boolean isDuplicateKey(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return (e.getErrorCode() & 0xff) == 19 && (message.contains("UNIQUE") || message.contains("PRIMARY"));
    }

    @Override
    public void createList(MailingList list) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO fl_list (address, name, description, language, subscribe_policy,"
                     + " unsubscribe_policy, send_policy, review_policy, reply_to, footer, max_bytes, dmarc_mitigation, dmarc_poster, copies,"
                     + " archive) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bindList(ps, list, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                throw new ListStoreException.Conflict("The list " + list.address() + " already exists.");
            }
            throw failure("create the list " + list.address(), e);
        }
    }

    @Override
    public void updateList(MailingList list) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE fl_list SET address = ?, name = ?, description = ?, language = ?,"
                     + " subscribe_policy = ?, unsubscribe_policy = ?, send_policy = ?, review_policy = ?, reply_to = ?, footer = ?,"
                     + " max_bytes = ?, dmarc_mitigation = ?, dmarc_poster = ?, copies = ?, archive = ? WHERE address = ?")) {
            bindList(ps, list, 1);
            ps.setString(16, list.address());
            if (ps.executeUpdate() == 0) {
                throw new ListStoreException.NotFound("There is no list " + list.address() + ".");
            }
        } catch (SQLException e) {
            throw failure("update the list " + list.address(), e);
        }
    }

    private static void bindList(PreparedStatement ps, MailingList list, int first) throws SQLException {
        Policies p = list.policies();
        ps.setString(first, list.address());
        ps.setString(first + 1, list.name());
        ps.setString(first + 2, list.description());
        ps.setString(first + 3, list.language().toLanguageTag());
        ps.setString(first + 4, p.subscribe().name());
        ps.setString(first + 5, p.unsubscribe().name());
        ps.setString(first + 6, p.send().name());
        ps.setString(first + 7, p.review().name());
        ps.setString(first + 8, list.replyTo().name());
        ps.setString(first + 9, list.footer());
        ps.setLong(first + 10, list.maxMessageBytes());
        ps.setString(first + 11, list.dmarc().mode().name());
        ps.setString(first + 12, list.dmarc().poster().name());
        ps.setString(first + 13, list.copies().name());
        ps.setString(first + 14, list.archive().name());
    }

    @Override
    public Optional<MailingList> findList(String address) {
        List<MailingList> found = queryLists("SELECT * FROM fl_list WHERE address = ?", address);
        return found.stream().findFirst();
    }

    @Override
    public List<MailingList> lists() {
        return queryLists("SELECT * FROM fl_list ORDER BY address");
    }

    private List<MailingList> queryLists(String sql, String... args) {
        return query("lists", sql, JdbcListStore::list, (Object[]) args);
    }

    private static MailingList list(ResultSet rs) throws SQLException {
        return new MailingList(rs.getString("address"), rs.getString("name"), rs.getString("description"),
                Locale.forLanguageTag(rs.getString("language")),
                new Policies(SubscribePolicy.valueOf(rs.getString("subscribe_policy")),
                        UnsubscribePolicy.valueOf(rs.getString("unsubscribe_policy")),
                        SendPolicy.valueOf(rs.getString("send_policy")),
                        ReviewPolicy.valueOf(rs.getString("review_policy"))),
                ReplyToPolicy.valueOf(rs.getString("reply_to")), rs.getString("footer"), rs.getLong("max_bytes"),
                new DmarcMitigation(DmarcMitigation.Mode.valueOf(rs.getString("dmarc_mitigation")),
                        DmarcMitigation.Poster.valueOf(rs.getString("dmarc_poster"))),
                Copies.valueOf(rs.getString("copies")), ArchiveAccess.valueOf(rs.getString("archive")));
    }

    @Override
    public boolean deleteList(String address) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : new String[] {"fl_member", "fl_held", "fl_pending", "fl_seen", "fl_digest_post", "fl_digest", "fl_archive",
                        "fl_bounce_summary"}) {
                    update(c, "DELETE FROM " + table + " WHERE list = ?", address);
                }
                boolean deleted = update(c, "DELETE FROM fl_list WHERE address = ?", address) > 0;
                c.commit();
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("delete the list " + address, e);
        }
    }

    @Override
    public void saveMember(String list, Member member) {
        String roles = member.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        try (Connection c = dataSource.getConnection()) {
            if (findList(list).isEmpty()) {
                throw new ListStoreException.NotFound("There is no list " + list + ".");
            }
            int updated = update(c, "UPDATE fl_member SET name = ?, roles = ?, reception = ? WHERE list = ? AND address = ?",
                    member.name(), roles, member.reception().name(), list, member.address());
            if (updated == 0) {
                try {
                    update(c, "INSERT INTO fl_member (list, address, name, roles, reception, token) VALUES (?,?,?,?,?,?)",
                            list, member.address(), member.name(), roles, member.reception().name(), MemberToken.random());
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        throw e;
                    }
                    update(c, "UPDATE fl_member SET name = ?, roles = ?, reception = ? WHERE list = ? AND address = ?",
                            member.name(), roles, member.reception().name(), list, member.address());
                }
            }
        } catch (SQLException e) {
            throw failure("save the member " + member.address(), e);
        }
    }

    @Override
    public Optional<Member> findMember(String list, String address) {
        return queryMembers("SELECT * FROM fl_member WHERE list = ? AND address = ?", list, address).stream().findFirst();
    }

    @Override
    public List<Member> members(String list) {
        return queryMembers("SELECT * FROM fl_member WHERE list = ? ORDER BY address", list);
    }

    private List<Member> queryMembers(String sql, String... args) {
        return query("members", sql, JdbcListStore::member, (Object[]) args);
    }

    private static Member member(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(roles::add);
        return new Member(rs.getString("address"), rs.getString("name"), roles, ReceptionMode.valueOf(rs.getString("reception")));
    }

    @Override
    public boolean removeMember(String list, String address) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "DELETE FROM fl_member WHERE list = ? AND address = ?", list, address) > 0;
        } catch (SQLException e) {
            throw failure("remove the member " + address, e);
        }
    }

    @Override
    public Map<String, String> memberTokens(String list) {
        try (Connection c = dataSource.getConnection()) {
            List<String> without = query("members without a token", "SELECT address FROM fl_member WHERE list = ? AND token IS NULL",
                    rs -> rs.getString(1), list);
            for (String address : without) {
                // only an empty token is filled: a concurrent caller's token stays, and both read it back below
                update(c, "UPDATE fl_member SET token = ? WHERE list = ? AND address = ? AND token IS NULL",
                        MemberToken.random(), list, address);
            }
        } catch (SQLException e) {
            throw failure("give tokens to the members of " + list, e);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        query("member tokens", "SELECT address, token FROM fl_member WHERE list = ? ORDER BY address",
                rs -> Map.entry(rs.getString(1), rs.getString(2)), list).forEach(e -> tokens.put(e.getKey(), e.getValue()));
        return tokens;
    }

    @Override
    public Optional<Membership> findByToken(String token) {
        return query("a member by token", "SELECT * FROM fl_member WHERE token = ?",
                rs -> new Membership(rs.getString("list"), member(rs)), token).stream().findFirst();
    }

    @Override
    public Optional<MemberBounces> bounces(String list, String address) {
        return query("bounces of " + address, "SELECT bounce_score, bounce_day, bounce_diagnostic, suspended_from, suspended_at, probed_at"
                + " FROM fl_member WHERE list = ? AND address = ?", JdbcListStore::bounces, list, address).stream().findFirst();
    }

    private static MemberBounces bounces(ResultSet rs) throws SQLException {
        long day = rs.getLong("bounce_day");
        BounceScore score = new BounceScore(rs.getInt("bounce_score"), day == 0 ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(day)));
        String from = rs.getString("suspended_from");
        Optional<MemberBounces.Suspension> suspension = Optional.empty();
        if (from != null) {
            long since = rs.getLong("suspended_at");
            long probed = rs.getLong("probed_at");
            suspension = Optional.of(new MemberBounces.Suspension(ReceptionMode.valueOf(from), Instant.ofEpochMilli(since),
                    rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(probed))));
        }
        return new MemberBounces(score, rs.getString("bounce_diagnostic"), suspension);
    }

    @Override
    public BounceCount countBounce(String list, String address, BounceScore expected, BounceScore next, String diagnostic,
            Optional<Instant> suspendAt) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                BounceCount count = BounceCount.CONFLICT;
                if (update(c, "UPDATE fl_member SET bounce_score = ?, bounce_day = ?, bounce_diagnostic = ? WHERE list = ? AND address = ?"
                        + " AND bounce_score = ? AND bounce_day = ?", next.points(), epochDay(next), truncate(diagnostic, 1000), list, address,
                        expected.points(), epochDay(expected)) == 1) {
                    count = suspendAt.isPresent() && update(c, "UPDATE fl_member SET suspended_from = reception, reception = 'NOMAIL',"
                            + " suspended_at = ? WHERE list = ? AND address = ? AND suspended_from IS NULL AND reception <> 'NOMAIL'",
                            suspendAt.get().toEpochMilli(), list, address) == 1 ? BounceCount.SUSPENDED : BounceCount.COUNTED;
                }
                c.commit();
                return count;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("count a bounce of " + address, e);
        }
    }

    private static long epochDay(BounceScore score) {
        return score.lastBounce().map(LocalDate::toEpochDay).orElse(0L);
    }

    @Override
    public List<Membership> suspendedMembers() {
        return query("suspended members", "SELECT * FROM fl_member WHERE suspended_from IS NOT NULL ORDER BY suspended_at",
                rs -> new Membership(rs.getString("list"), member(rs)));
    }

    @Override
    public List<BouncingMember> bouncingMembers(String list) {
        return query("bouncing members of " + list, "SELECT address, bounce_score, bounce_day, bounce_diagnostic, suspended_from,"
                + " suspended_at, probed_at FROM fl_member WHERE list = ? AND (bounce_score > 0 OR suspended_from IS NOT NULL)"
                + " ORDER BY address", rs -> new BouncingMember(rs.getString("address"), bounces(rs)), list);
    }

    @Override
    public boolean claimBounceSummary(String list, LocalDate monday) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "INSERT INTO fl_bounce_summary (list, week) VALUES (?, ?) ON CONFLICT (list)"
                    + " DO UPDATE SET week = excluded.week WHERE fl_bounce_summary.week < excluded.week", list, monday.toEpochDay()) == 1;
        } catch (SQLException e) {
            throw failure("claim the bounce summary of " + list, e);
        }
    }

    @Override
    public Optional<String> startProbe(String list, String address, Instant at) {
        String token = MemberToken.random();
        try (Connection c = dataSource.getConnection()) {
            return update(c, "UPDATE fl_member SET probe_token = ?, probed_at = ? WHERE list = ? AND address = ?"
                    + " AND suspended_from IS NOT NULL AND probed_at IS NULL", token, at.toEpochMilli(), list, address) == 1
                    ? Optional.of(token) : Optional.empty();
        } catch (SQLException e) {
            throw failure("probe " + address, e);
        }
    }

    @Override
    public Optional<Membership> findByProbeToken(String token) {
        return query("a member by probe token", "SELECT * FROM fl_member WHERE probe_token = ?",
                rs -> new Membership(rs.getString("list"), member(rs)), token).stream().findFirst();
    }

    @Override
    public boolean resume(String list, String address) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "UPDATE fl_member SET reception = suspended_from, " + CLEAN_BOUNCES
                    + " WHERE list = ? AND address = ? AND suspended_from IS NOT NULL", list, address) == 1;
        } catch (SQLException e) {
            throw failure("resume the delivery to " + address, e);
        }
    }

    @Override
    public void clearBounces(String list, String address) {
        try (Connection c = dataSource.getConnection()) {
            update(c, "UPDATE fl_member SET " + CLEAN_BOUNCES + " WHERE list = ? AND address = ?", list, address);
        } catch (SQLException e) {
            throw failure("clear the bounces of " + address, e);
        }
    }

    private static final String CLEAN_BOUNCES = "bounce_score = 0, bounce_day = 0, bounce_diagnostic = '', suspended_from = NULL,"
            + " suspended_at = NULL, probe_token = NULL, probed_at = NULL";

    @Override
    public List<String> listsOf(String address) {
        return query("the lists of " + address, "SELECT list FROM fl_member WHERE address = ? ORDER BY list", rs -> rs.getString(1), address);
    }

    @Override
    public void hold(HeldPost post) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO fl_held (k, cancel_key, list, sender, subject, reason, message,"
                     + " held_at, status, decided_by, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, post.key());
            ps.setString(2, post.cancelKey());
            ps.setString(3, post.list());
            ps.setString(4, post.sender());
            ps.setString(5, truncate(post.subject(), 1000));
            ps.setString(6, truncate(post.reason(), 1000));
            ps.setBytes(7, post.message());
            ps.setLong(8, post.heldAt().toEpochMilli());
            ps.setString(9, post.status().name());
            ps.setString(10, post.decidedBy().orElse(null));
            if (post.decidedAt().isPresent()) {
                ps.setLong(11, post.decidedAt().get().toEpochMilli());
            } else {
                ps.setNull(11, Types.BIGINT);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("hold a post for " + post.list(), e);
        }
    }

    @Override
    public Optional<HeldPost> findHeld(String key) {
        return queryHeld("SELECT * FROM fl_held WHERE k = ?", key).stream().findFirst();
    }

    @Override
    public Optional<HeldPost> findHeldByCancelKey(String cancelKey) {
        return queryHeld("SELECT * FROM fl_held WHERE cancel_key = ?", cancelKey).stream().findFirst();
    }

    @Override
    public List<HeldPost> pendingPosts(String list) {
        return queryHeld("SELECT * FROM fl_held WHERE list = ? AND status = 'PENDING' ORDER BY held_at", list);
    }

    @Override
    public List<HeldPost> pendingPostsHeldBefore(Instant instant) {
        return query("held posts", "SELECT * FROM fl_held WHERE status = 'PENDING' AND held_at < ? ORDER BY held_at",
                JdbcListStore::heldPost, instant.toEpochMilli());
    }

    private List<HeldPost> queryHeld(String sql, String... args) {
        return query("held posts", sql, JdbcListStore::heldPost, (Object[]) args);
    }

    private static HeldPost heldPost(ResultSet rs) throws SQLException {
        long decidedAt = rs.getLong("decided_at");
        Optional<Instant> decided = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decidedAt));
        return new HeldPost(rs.getString("k"), rs.getString("cancel_key"), rs.getString("list"), rs.getString("sender"),
                rs.getString("subject"), rs.getString("reason"), rs.getBytes("message"),
                Instant.ofEpochMilli(rs.getLong("held_at")), HeldPost.Status.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("decided_by")), decided);
    }

    @Override
    public boolean decide(String key, HeldPost.Status status, String decidedBy, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE fl_held SET status = ?, decided_by = ?, decided_at = ? WHERE k = ? AND status = 'PENDING'")) {
            ps.setString(1, status.name());
            ps.setString(2, decidedBy);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, key);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record a moderation decision", e);
        }
    }

    @Override
    public void savePending(PendingRequest request) {
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO fl_pending (k, kind, list, address, name, confirmer, created_at, expires_at, status, decided_by)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)", request.key(), request.kind().name(), request.list(), request.address(),
                    request.name(), request.confirmer(), request.createdAt().toEpochMilli(), request.expiresAt().toEpochMilli(),
                    request.status().name(), request.decidedBy().orElse(null));
        } catch (SQLException e) {
            throw failure("save a pending request", e);
        }
    }

    @Override
    public Optional<PendingRequest> findPending(String key) {
        return queryPending("SELECT * FROM fl_pending WHERE k = ?", key).stream().findFirst();
    }

    @Override
    public Optional<PendingRequest> findOpenPending(String list, String address, PendingRequest.Kind kind, Instant now) {
        return queryPending("SELECT * FROM fl_pending WHERE list = ? AND address = ? AND kind = ? AND status = 'PENDING'"
                + " ORDER BY created_at DESC", list, address, kind.name()).stream()
                .filter(p -> !p.isExpired(now)).findFirst();
    }

    @Override
    public List<PendingRequest> openPending(String list, Instant now) {
        return queryPending("SELECT * FROM fl_pending WHERE list = ? AND status = 'PENDING' ORDER BY created_at, k", list).stream()
                .filter(p -> !p.isExpired(now)).toList();
    }

    private List<PendingRequest> queryPending(String sql, String... args) {
        return query("pending requests", sql, JdbcListStore::pending, (Object[]) args);
    }

    private static PendingRequest pending(ResultSet rs) throws SQLException {
        return new PendingRequest(rs.getString("k"), PendingRequest.Kind.valueOf(rs.getString("kind")), rs.getString("list"),
                rs.getString("address"), rs.getString("name"), rs.getString("confirmer"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                PendingRequest.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("decided_by")));
    }

    @Override
    public boolean resolve(String key, PendingRequest.Status status, String decidedBy) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, "UPDATE fl_pending SET status = ?, decided_by = ? WHERE k = ? AND status = 'PENDING'",
                    status.name(), decidedBy, key) == 1;
        } catch (SQLException e) {
            throw failure("resolve a pending request", e);
        }
    }

    @Override
    public boolean firstSighting(String list, String messageId, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO fl_seen (list, digest, seen_at) VALUES (?,?,?)", list, sha256(messageId), at.toEpochMilli());
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw failure("record a Message-ID", e);
        }
    }

    /**
     * One row per (kind, address). Each step is one statement, so each is atomic on its own, and together they never
     * count past the limit: reopen an expired window, else take a place in the current one, else create the row
     * (a concurrent creation makes the insert fail, then the place is taken in that row), else refuse, marking the
     * first refusal of the window.
     */
    @Override
    public QuotaCharge charge(String kind, String address, int limit, Duration window, Instant now) {
        long at = now.toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            if (update(c, "UPDATE fl_quota SET window_start = ?, used = 1, refused = 0 WHERE kind = ? AND address = ?"
                    + " AND window_start <= ?", at, kind, address, at - window.toMillis()) == 1) {
                return QuotaCharge.ACCEPTED;
            }
            String take = "UPDATE fl_quota SET used = used + 1 WHERE kind = ? AND address = ? AND used < ?";
            if (update(c, take, kind, address, limit) == 1) {
                return QuotaCharge.ACCEPTED;
            }
            try {
                update(c, "INSERT INTO fl_quota (kind, address, window_start, used, refused) VALUES (?,?,?,1,0)", kind, address, at);
                return QuotaCharge.ACCEPTED;
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            }
            if (update(c, take, kind, address, limit) == 1) {
                return QuotaCharge.ACCEPTED;
            }
            return update(c, "UPDATE fl_quota SET refused = 1 WHERE kind = ? AND address = ? AND refused = 0", kind, address) == 1
                    ? QuotaCharge.FIRST_REFUSAL : QuotaCharge.REFUSED;
        } catch (SQLException e) {
            throw failure("count a robot mail to " + address, e);
        }
    }

    @Override
    public DigestStore digests() {
        return new JdbcDigestStore(dataSource);
    }

    @Override
    public ArchiveStore archives() {
        return new JdbcArchiveStore(dataSource);
    }

    @Override
    public void purge(Instant before) {
        long millis = before.toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            update(c, "DELETE FROM fl_quota WHERE window_start < ?", millis);
            update(c, "DELETE FROM fl_pending WHERE expires_at < ?", millis);
            update(c, "DELETE FROM fl_held WHERE status <> 'PENDING' AND decided_at < ?", millis);
            update(c, "DELETE FROM fl_seen WHERE seen_at < ?", millis);
        } catch (SQLException e) {
            throw failure("purge old list records", e);
        }
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(row.read(rs));
                }
                return result;
            }
        } catch (SQLException e) {
            throw failure("read " + what, e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ListStoreException failure(String what, SQLException e) {
        return new ListStoreException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
