package org.facteur.mailserver.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.mail.Flags;

import org.apache.james.mailbox.store.mail.model.Property;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingsImpl;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.lists.ListStores;
import org.facteur.mailserver.search.SearchModule;
import org.facteur.mailserver.store.data.SqlDataModule;
import org.facteur.mailserver.store.mailbox.SqlMailboxSessionMapperFactory;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.SqlEngine;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.mailbox.MailboxImport;
import org.facteur.mailserver.store.mailbox.MailboxImport.ImportedMessage;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.facteur.mailserver.users.PasswordHashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the data directory of release 0.1 (James's JPA store and the list store, both in embedded Derby)
 * into Facteur's SQL store, in one transaction of the new database:
 * <ul>
 *   <li>domains; users with their PBKDF2 hashes (checked at login and replaced by Argon2id then);</li>
 *   <li>the recipient rewrite table, James's raw mapping strings split into one row per mapping;</li>
 *   <li>quota limits (global, domain, user);</li>
 *   <li>mailboxes with their UIDVALIDITY, last UID and highest mod-seq, and every message with its UID,
 *       mod-seq, flags, keywords, internal date, MIME properties and full content (bodies into the blob store);</li>
 *   <li>IMAP METADATA (away messages), IMAP subscriptions and the mail repository URLs;</li>
 *   <li>the list tables (lists, members, held posts, pending confirmations, seen Message-IDs), which kept
 *       their shape.</li>
 * </ul>
 * It refuses when the new database already holds data (nothing is merged). Only after the commit are the
 * Derby directories moved to {@link DataDirectory#derbyReleaseBackup()} and the old search index removed
 * (the server indexes every message again at its next start). The Derby driver is not part of Facteur: it is loaded by name
 * from the class path {@code ./facteur migrate} gives it.
 */
public final class DerbyReleaseMigration {
    private static final Logger LOG = LoggerFactory.getLogger(DerbyReleaseMigration.class);
    static final String DERBY_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";
    /** The list tables of release 0.1, whose columns the list store kept. */
    static final List<String> LIST_TABLES = List.of("fl_list", "fl_member", "fl_held", "fl_pending", "fl_seen");

    private final DataDirectory data;
    private final Database target;
    private final BlobStore blobs;

    public DerbyReleaseMigration(DataDirectory data, Database target, BlobStore blobs) {
        this.data = data;
        this.target = target;
        this.blobs = blobs;
    }

    /** Refused before anything was written: the sentence says why and what to do. */
    public static final class MigrationRefusedException extends IllegalStateException {
        public MigrationRefusedException(String message) {
            super(message);
        }
    }

    /** What was converted, and how long it took. */
    public record Report(int domains, int users, int rewrites, int quotaLimits, int mailboxes, int messages, long bytes,
                         int annotations, int subscriptions, int lists, int members, int heldPosts, int pendingRequests, Duration took,
                         List<String> notConverted) {
        public Report {
            notConverted = List.copyOf(notConverted);
        }

        @Override
        public String toString() {
            return domains + " domains, " + users + " users, " + rewrites + " recipient rewrites, " + quotaLimits + " quota limits, "
                    + mailboxes + " mailboxes, " + messages + " messages (" + bytes + " bytes), " + annotations + " mailbox annotations, "
                    + subscriptions + " subscriptions, "
                    + lists + " lists, " + members + " list members, " + heldPosts + " held posts, " + pendingRequests
                    + " pending requests in " + took.toMillis() + " ms";
        }
    }

    /**
     * Opens Facteur's database as the server would (schemas of every part brought up to date, bodies in files
     * beside SQLite or in PostgreSQL), converts {@code data}'s Derby store into it and closes it.
     */
    public static Report migrate(DataDirectory data, DatabaseSettings database) throws SQLException, IOException {
        refuseWithoutRelease01Store(data);
        derbyDriver();
        if (database.engine() == SqlEngine.SQLITE) {
            Files.createDirectories(data.database().getParent());
        }
        try (Database target = Database.open(database)) {
            SqlDataModule.migrate(target);
            SqlMailboxSessionMapperFactory.migrate(target);
            ListStores.open(target);
            return new DerbyReleaseMigration(data, target, FacteurMailServer.blobStore(data, target)).run();
        }
    }

    public Report run() throws SQLException, IOException {
        long begin = System.nanoTime();
        refuseWithoutRelease01Store(data);
        boolean hasStore = Files.exists(data.legacyDerbyStore());
        boolean hasLists = Files.exists(data.legacyDerbyLists());
        Driver driver = derbyDriver();
        String nonEmpty = firstNonEmptyTable();
        if (nonEmpty != null) {
            throw new MigrationRefusedException("The new database already holds data (table " + nonEmpty + " is not empty):"
                    + " the migration only fills an empty database, so nothing was changed. Point FACTEUR_DATABASE_URL at an"
                    + " empty database, or remove " + data.root().relativize(data.database()) + " if it is a leftover.");
        }
        Counter n = new Counter();
        Connection store = hasStore ? open(driver, data.legacyDerbyStore()) : null;
        Connection lists = hasLists ? open(driver, data.legacyDerbyLists()) : null;
        try {
            target.inTransaction(c -> {
                try {
                    if (store != null) {
                        copyStore(store, c, n);
                    }
                    if (lists != null) {
                        copyLists(lists, c, n);
                    }
                } catch (IOException e) {
                    throw new SQLException("Cannot store a message body: " + e.getMessage(), e);
                }
                return null;
            });
        } finally {
            close(store);
            close(lists);
            shutdown(driver, data.legacyDerbyStore(), hasStore);
            shutdown(driver, data.legacyDerbyLists(), hasLists);
        }
        // Committed: from here on the new store is the truth; the Derby files are only moved aside.
        moveToBackup(data.legacyDerbyStore(), "derby");
        moveToBackup(data.legacyDerbyLists(), "lists");
        SearchModule.removeIndex(data); // built again from the new store at the next start
        Report report = new Report(n.domains, n.users, n.rewrites, n.quotas, n.mailboxes, n.messages, n.bytes, n.annotations, n.subscriptions,
                n.lists, n.members, n.held, n.pending, Duration.ofNanos(System.nanoTime() - begin), n.notConverted);
        LOG.info("Migrated release 0.1's store: {}", report);
        return report;
    }

    /** Before anything is created: a data directory without Derby databases has nothing to migrate. */
    private static void refuseWithoutRelease01Store(DataDirectory data) {
        if (!Files.exists(data.legacyDerbyStore()) && !Files.exists(data.legacyDerbyLists())) {
            throw new MigrationRefusedException("The data directory " + data.root() + " holds no store of release 0.1 ("
                    + data.root().relativize(data.legacyDerbyStore()) + " or " + data.root().relativize(data.legacyDerbyLists())
                    + "): there is nothing to migrate.");
        }
    }

    private static final class Counter {
        int domains, users, rewrites, quotas, mailboxes, messages, annotations, subscriptions, lists, members, held, pending;
        long bytes;
        final List<String> notConverted = new ArrayList<>();
    }

    /**
     * Tables of James's JPA schema that Facteur 0.1 never filled (it used no Sieve and file mail repositories) and this
     * version has no place for: if one holds rows anyway, the report says so (they stay in the backup).
     */
    static final Map<String, String> UNUSED_TABLES = Map.of(
            "JAMES_SIEVE_SCRIPT", "Sieve scripts",
            "JAMES_MAIL_STORE", "mails in JDBC mail repositories");

    // --- James's JPA store

    private void copyStore(Connection from, Connection to, Counter n) throws SQLException, IOException {
        for (String domain : strings(from, "SELECT DOMAIN_NAME FROM JAMES_DOMAIN ORDER BY DOMAIN_NAME")) {
            Jdbc.update(to, "INSERT INTO domains (name) VALUES (?)", domain.toLowerCase(Locale.ROOT));
            n.domains++;
        }
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_NAME, PASSWORD_HASH_ALGORITHM, PASSWORD FROM JAMES_USER ORDER BY USER_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                Jdbc.update(to, "INSERT INTO users (name, password_hash) VALUES (?, ?)", name.toLowerCase(Locale.US),
                        PasswordHashing.fromJames(rs.getString(2), name, rs.getString(3)));
                n.users++;
            }
        }
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_NAME, DOMAIN_NAME, TARGET_ADDRESS FROM JAMES_RECIPIENT_REWRITE ORDER BY DOMAIN_NAME, USER_NAME")) {
            while (rs.next()) {
                for (Mapping mapping : MappingsImpl.fromRawString(rs.getString(3))) {
                    Jdbc.update(to, "INSERT INTO recipient_rewrites (source_user, source_domain, mapping) VALUES (?, ?, ?)",
                            rs.getString(1), rs.getString(2), mapping.asString());
                    n.rewrites++;
                }
            }
        }
        n.quotas += quota(from, to, "JAMES_MAX_GLOBAL_MESSAGE_COUNT", "QUOTAROOT_ID", "global", "count");
        n.quotas += quota(from, to, "JAMES_MAX_GLOBAL_STORAGE", "QUOTAROOT_ID", "global", "size");
        n.quotas += quota(from, to, "JAMES_MAX_DOMAIN_MESSAGE_COUNT", "DOMAIN", "domain", "count");
        n.quotas += quota(from, to, "JAMES_MAX_DOMAIN_STORAGE", "DOMAIN", "domain", "size");
        n.quotas += quota(from, to, "JAMES_MAX_USER_MESSAGE_COUNT", "QUOTAROOT_ID", "user", "count");
        n.quotas += quota(from, to, "JAMES_MAX_USER_STORAGE", "QUOTAROOT_ID", "user", "size");
        copyMailboxes(from, to, n);
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_NAME, MAILBOX_NAME FROM JAMES_SUBSCRIPTION ORDER BY SUBSCRIPTION_ID")) {
            while (rs.next()) {
                n.subscriptions += Jdbc.update(to, "INSERT INTO subscription (user_name, mailbox) VALUES (?, ?) "
                        + "ON CONFLICT (user_name, mailbox) DO NOTHING", rs.getString(1), rs.getString(2));
            }
        }
        for (Map.Entry<String, String> unused : new java.util.TreeMap<>(UNUSED_TABLES).entrySet()) {
            if (tableExists(from, unused.getKey())) {
                int rows = Jdbc.one(from, "SELECT COUNT(*) FROM " + unused.getKey(), rs -> rs.getInt(1)).orElse(0);
                if (rows > 0) {
                    n.notConverted.add(rows + " " + unused.getValue() + " (table " + unused.getKey() + ")");
                }
            }
        }
        if (tableExists(from, "JAMES_MAIL_REPOS")) {
            for (String url : strings(from, "SELECT MAIL_REPO_NAME FROM JAMES_MAIL_REPOS")) {
                Jdbc.update(to, "INSERT INTO mail_repository_urls (url) VALUES (?) ON CONFLICT (url) DO NOTHING", url);
            }
        }
    }

    /** James kept "unlimited" as -1 (or no row); Facteur keeps NULL. */
    private static int quota(Connection from, Connection to, String table, String keyColumn, String scope, String resource)
            throws SQLException {
        if (!tableExists(from, table)) {
            return 0;
        }
        int copied = 0;
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT " + keyColumn + ", VALUE FROM " + table)) {
            while (rs.next()) {
                Long value = Jdbc.nullableLong(rs, "VALUE");
                Jdbc.update(to, "INSERT INTO quota_limit (scope, target, resource, value) VALUES (?, ?, ?, ?)",
                        scope, "global".equals(scope) ? "" : rs.getString(1), resource, value == null || value < 0 ? null : value);
                copied++;
            }
        }
        return copied;
    }

    private void copyMailboxes(Connection from, Connection to, Counter n) throws SQLException, IOException {
        MailboxImport mailboxes = new MailboxImport(blobs);
        Map<Long, long[]> limits = new HashMap<>();
        Map<Long, Long> ids = new HashMap<>();
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAILBOX_ID, MAILBOX_NAMESPACE, USER_NAME, MAILBOX_NAME, MAILBOX_UID_VALIDITY, "
                     + "MAILBOX_LAST_UID, MAILBOX_HIGHEST_MODSEQ FROM JAMES_MAILBOX ORDER BY MAILBOX_ID")) {
            while (rs.next()) {
                long id = mailboxes.createMailbox(to, rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
                ids.put(rs.getLong(1), id);
                limits.put(id, new long[] {rs.getLong(6), rs.getLong(7)});
                n.mailboxes++;
            }
        }
        Map<String, List<String>> keywords = new HashMap<>();
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAILBOX_ID, MAIL_UID, USERFLAG_NAME FROM JAMES_MAIL_USERFLAG")) {
            while (rs.next()) {
                keywords.computeIfAbsent(rs.getLong(1) + "/" + rs.getLong(2), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        Batch bodies = new Batch(mailboxes, to);
        try (Statement s = from.createStatement();
             PreparedStatement props = from.prepareStatement("SELECT PROPERTY_NAME_SPACE, PROPERTY_LOCAL_NAME, PROPERTY_VALUE "
                     + "FROM JAMES_MAIL_PROPERTY WHERE MAILBOX_ID = ? AND MAIL_UID = ? ORDER BY PROPERTY_LINE_NUMBER");
             ResultSet rs = s.executeQuery("SELECT MAILBOX_ID, MAIL_UID, MAIL_MODSEQ, MAIL_DATE, MAIL_IS_ANSWERED, MAIL_IS_DELETED, "
                     + "MAIL_IS_DRAFT, MAIL_IS_FLAGGED, MAIL_IS_RECENT, MAIL_IS_SEEN, MAIL_BODY_START_OCTET, MAIL_CONTENT_OCTETS_COUNT, "
                     + "MAIL_TEXTUAL_LINE_COUNT, MAIL_MIME_TYPE, MAIL_MIME_SUBTYPE, HEADER_BYTES, MAIL_BYTES "
                     + "FROM JAMES_MAIL ORDER BY MAILBOX_ID, MAIL_UID")) {
            while (rs.next()) {
                long oldMailbox = rs.getLong("MAILBOX_ID");
                long uid = rs.getLong("MAIL_UID");
                Long mailbox = ids.get(oldMailbox);
                if (mailbox == null) {
                    throw new SQLException("Message " + uid + " belongs to mailbox " + oldMailbox + ", which does not exist");
                }
                byte[] header = bytes(rs, "HEADER_BYTES");
                byte[] body = bytes(rs, "MAIL_BYTES");
                byte[] content = new byte[header.length + body.length];
                System.arraycopy(header, 0, content, 0, header.length);
                System.arraycopy(body, 0, content, header.length, body.length);
                long declared = rs.getLong("MAIL_CONTENT_OCTETS_COUNT");
                if (declared != content.length) {
                    throw new SQLException("Message " + uid + " of mailbox " + oldMailbox + " has " + content.length
                            + " bytes where " + declared + " were recorded: the old store is damaged");
                }
                Flags flags = new Flags();
                flag(flags, Flags.Flag.ANSWERED, rs.getBoolean("MAIL_IS_ANSWERED"));
                flag(flags, Flags.Flag.DELETED, rs.getBoolean("MAIL_IS_DELETED"));
                flag(flags, Flags.Flag.DRAFT, rs.getBoolean("MAIL_IS_DRAFT"));
                flag(flags, Flags.Flag.FLAGGED, rs.getBoolean("MAIL_IS_FLAGGED"));
                flag(flags, Flags.Flag.RECENT, rs.getBoolean("MAIL_IS_RECENT"));
                flag(flags, Flags.Flag.SEEN, rs.getBoolean("MAIL_IS_SEEN"));
                keywords.getOrDefault(oldMailbox + "/" + uid, List.of()).forEach(flags::add);
                Long lines = Jdbc.nullableLong(rs, "MAIL_TEXTUAL_LINE_COUNT");
                List<Property> properties = properties(props, oldMailbox, uid, rs.getString("MAIL_MIME_TYPE"),
                        rs.getString("MAIL_MIME_SUBTYPE"), lines);
                bodies.add(mailbox, new ImportedMessage(uid, rs.getLong("MAIL_MODSEQ"),
                        rs.getTimestamp("MAIL_DATE").toInstant(), flags, content, rs.getInt("MAIL_BODY_START_OCTET"), lines,
                        properties));
                n.messages++;
                n.bytes += content.length;
            }
            bodies.flush();
        } finally {
            bodies.close();
        }
        for (Map.Entry<Long, long[]> e : limits.entrySet()) {
            mailboxes.finish(to, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        if (tableExists(from, "JAMES_MAILBOX_ANNOTATION")) {
            try (Statement s = from.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAILBOX_ID, ANNOTATION_KEY, VALUE FROM JAMES_MAILBOX_ANNOTATION")) {
                while (rs.next()) {
                    Long mailbox = ids.get(rs.getLong(1));
                    if (mailbox != null) {
                        Jdbc.update(to, "INSERT INTO annotation (mailbox_id, key, value) VALUES (?, ?, ?)",
                                mailbox, rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3));
                        n.annotations++;
                    }
                }
            }
        }
    }

    /**
     * Messages on their way into the new store, a few at a time: with a file blob store their bodies are written
     * (and fsynced) by {@value #WRITERS} threads at once, then their rows are inserted in Derby's order on the
     * transaction's thread. A database blob store saves on the transaction's thread, one by one.
     */
    private static final class Batch implements AutoCloseable {
        static final int WRITERS = 4;
        static final int MAX_MESSAGES = 64;
        static final long MAX_BYTES = 32L << 20;

        private final MailboxImport mailboxes;
        private final Connection to;
        private final ExecutorService writers;
        private final List<Long> targets = new ArrayList<>();
        private final List<ImportedMessage> pending = new ArrayList<>();
        private long pendingBytes;

        Batch(MailboxImport mailboxes, Connection to) {
            this.mailboxes = mailboxes;
            this.to = to;
            this.writers = mailboxes.bodiesInTransaction() ? null : Executors.newFixedThreadPool(WRITERS, r -> {
                Thread t = new Thread(r, "migration-blob-writer");
                t.setDaemon(true);
                return t;
            });
        }

        void add(long mailbox, ImportedMessage message) throws SQLException, IOException {
            if (writers == null) {
                mailboxes.add(to, mailbox, message);
                return;
            }
            targets.add(mailbox);
            pending.add(message);
            pendingBytes += message.content().length;
            if (pending.size() >= MAX_MESSAGES || pendingBytes >= MAX_BYTES) {
                flush();
            }
        }

        void flush() throws SQLException, IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<Future<BlobId>> saved = new ArrayList<>();
            for (ImportedMessage message : pending) {
                saved.add(writers.submit(() -> mailboxes.saveBody(message)));
            }
            for (int i = 0; i < pending.size(); i++) {
                BlobId blob;
                try {
                    blob = saved.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while storing message bodies", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
                mailboxes.add(to, targets.get(i), pending.get(i), blob);
            }
            pending.clear();
            targets.clear();
            pendingBytes = 0;
        }

        @Override
        public void close() {
            if (writers != null) {
                writers.shutdownNow();
            }
        }
    }

    /** The MIME properties James recorded; when it recorded none, the type and subtype of the message's columns. */
    private static List<Property> properties(PreparedStatement props, long mailbox, long uid, String type, String subType,
                                             Long lines) throws SQLException {
        List<Property> found = new ArrayList<>();
        props.setLong(1, mailbox);
        props.setLong(2, uid);
        try (ResultSet p = props.executeQuery()) {
            while (p.next()) {
                found.add(new Property(p.getString(1), p.getString(2), p.getString(3)));
            }
        }
        if (!found.isEmpty()) {
            return found;
        }
        PropertyBuilder builder = new PropertyBuilder();
        if (type != null) {
            builder.setMediaType(type);
        }
        if (subType != null) {
            builder.setSubType(subType);
        }
        builder.setTextualLineCount(lines);
        return builder.toProperties();
    }

    private static void flag(Flags flags, Flags.Flag flag, boolean on) {
        if (on) {
            flags.add(flag);
        }
    }

    // --- the list store

    private static void copyLists(Connection from, Connection to, Counter n) throws SQLException, IOException {
        for (String table : LIST_TABLES) {
            if (!tableExists(from, table.toUpperCase(Locale.ROOT))) {
                continue;
            }
            int rows = copyTable(from, to, table);
            switch (table) {
                case "fl_list" -> n.lists = rows;
                case "fl_member" -> n.members = rows;
                case "fl_held" -> n.held = rows;
                case "fl_pending" -> n.pending = rows;
                default -> { }
            }
        }
    }

    /** Copies every row, column by column under the same names (the list store kept release 0.1's columns). */
    private static int copyTable(Connection from, Connection to, String table) throws SQLException, IOException {
        int rows = 0;
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
            while (rs.next()) {
                Object[] values = new Object[columns];
                for (int i = 1; i <= columns; i++) {
                    values[i - 1] = value(rs.getObject(i));
                }
                Jdbc.update(to, sql, values);
                rows++;
            }
        }
        return rows;
    }

    private static Object value(Object derby) throws SQLException, IOException {
        if (derby instanceof Blob blob) {
            try (InputStream in = blob.getBinaryStream()) {
                return in.readAllBytes();
            }
        }
        if (derby instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return derby;
    }

    // --- plumbing

    private String firstNonEmptyTable() {
        return target.read(c -> {
            for (String table : List.of("domains", "users", "recipient_rewrites", "quota_limit", "mailbox", "message",
                    "subscription", "fl_list", "fl_member", "fl_held", "fl_pending")) {
                if (Jdbc.one(c, "SELECT 1 FROM " + table + " LIMIT 1", rs -> true).isPresent()) {
                    return table;
                }
            }
            return null;
        });
    }

    /** The Derby driver of release 0.1, from the class path {@code ./facteur migrate} builds (Facteur does not ship it). */
    static Driver derbyDriver() {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return (Driver) Class.forName(DERBY_DRIVER, true, loader == null ? DerbyReleaseMigration.class.getClassLoader() : loader)
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MigrationRefusedException("Apache Derby's driver (org.apache.derby:derby:10.14.2.0) is not on the class path:"
                    + " run the migration with ./facteur migrate, which fetches it.");
        }
    }

    private static Connection open(Driver driver, Path database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "app");
        credentials.setProperty("password", "app");
        Connection c = driver.connect("jdbc:derby:" + database.toAbsolutePath(), credentials);
        if (c == null) {
            throw new SQLException("The Derby driver does not accept jdbc:derby: URLs");
        }
        c.setReadOnly(true);
        return c;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing a Derby connection: {}", e.getMessage());
            }
        }
    }

    /** Stops one Derby database, so that its files are closed before they are moved (Derby answers 08006). */
    private static void shutdown(Driver driver, Path database, boolean opened) {
        if (!opened) {
            return;
        }
        try {
            driver.connect("jdbc:derby:" + database.toAbsolutePath() + ";shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("Derby did not shut down {} cleanly: {}", database, e.getMessage());
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        return Jdbc.list(c, sql, rs -> rs.getString(1));
    }

    private static byte[] bytes(ResultSet rs, String column) throws SQLException, IOException {
        try (InputStream in = rs.getBinaryStream(column)) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private void moveToBackup(Path derby, String name) throws IOException {
        if (!Files.exists(derby)) {
            return;
        }
        Path backup = data.derbyReleaseBackup();
        Files.createDirectories(backup);
        Path to = backup.resolve(name);
        if (Files.exists(to)) {
            to = backup.resolve(name + "-" + System.currentTimeMillis());
        }
        Files.move(derby, to);
    }

}
