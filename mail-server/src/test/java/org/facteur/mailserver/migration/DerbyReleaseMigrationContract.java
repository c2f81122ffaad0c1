package org.facteur.mailserver.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;
import org.facteur.mailserver.users.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run against SQLite ({@link DerbyReleaseMigrationTest}) and PostgreSQL ({@link PostgresDerbyReleaseMigrationIT}).
 * Release 0.1's Derby databases, created here with the tables and columns James 3.8.1's JPA mapping and the
 * list store of 0.1 gave them (as read from a data directory of that release), converted into a fresh SQLite
 * store: every row arrives with its identity (UIDVALIDITY, UIDs with gaps, mod-seqs, flags, keywords), bodies
 * byte for byte in the blob store, password hashes still verify, and the Derby files move aside only after the
 * commit. A non-empty target is refused without touching anything.
 */
abstract class DerbyReleaseMigrationContract {
    static final String HEADER = "From: zoe@remote.test\r\nTo: alice@example.org\r\nSubject: Bonjour\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n";
    static final String BODY = "Première lettre.\r\n";

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    @TempDir
    Path dir;

    /** An empty database of the engine under test. */
    abstract DatabaseSettings emptyTarget(DataDirectory data) throws Exception;

    @Test
    void convertsEveryTableOfRelease01AndMovesDerbyAsideAfterTheCommit() throws Exception {
        DataDirectory data = DataDirectory.of(dir.resolve("data"));
        createRelease01Store(data);
        Files.createDirectories(data.retiredSearchIndex());
        Files.writeString(data.retiredSearchIndex().resolve("segments_1"), "old index");
        Files.createDirectories(data.searchIndex());
        Files.writeString(data.searchIndex().resolve("segments_1"), "index of the store being replaced");

        DatabaseSettings target = emptyTarget(data);
        DerbyReleaseMigration.Report report = DerbyReleaseMigration.migrate(data, target);

        assertThat(report.domains()).isEqualTo(2);
        assertThat(report.users()).isEqualTo(1);
        assertThat(report.rewrites()).isEqualTo(3);
        assertThat(report.quotaLimits()).isEqualTo(3);
        assertThat(report.mailboxes()).isEqualTo(2);
        assertThat(report.messages()).isEqualTo(3);
        assertThat(report.annotations()).isEqualTo(1);
        assertThat(report.notConverted()).containsExactly("1 Sieve scripts (table JAMES_SIEVE_SCRIPT)");
        assertThat(report.subscriptions()).isEqualTo(1);
        assertThat(report.lists()).isEqualTo(1);
        assertThat(report.members()).isEqualTo(2);
        assertThat(report.heldPosts()).isEqualTo(1);
        assertThat(report.pendingRequests()).isEqualTo(1);

        try (Database db = Database.open(target)) {
            BlobStore blobs = FacteurMailServer.blobStore(data, db);
            db.read(c -> {
                assertThat(Jdbc.list(c, "SELECT name FROM domains ORDER BY name", rs -> rs.getString(1)))
                        .containsExactly("example.net", "example.org");
                String hash = Jdbc.one(c, "SELECT password_hash FROM users WHERE name = 'alice@example.org'", rs -> rs.getString(1)).orElseThrow();
                assertThat(PasswordHashing.ARGON2ID.verify("Sunflower-2026!", hash)).isTrue();
                assertThat(PasswordHashing.ARGON2ID.verify("wrong-password-1", hash)).isFalse();
                assertThat(PasswordHashing.ARGON2ID.needsRehash(hash)).isTrue();
                assertThat(Jdbc.list(c, "SELECT source_user || '@' || source_domain || ' ' || mapping FROM recipient_rewrites ORDER BY 1",
                        rs -> rs.getString(1))).containsExactly(
                        "info@example.org alice@example.org", "info@example.org bob@example.org",
                        "postmaster@example.net forward:carol@remote.test");
                assertThat(Jdbc.list(c, "SELECT scope || ' ' || target || ' ' || resource || ' ' || COALESCE(value, -1) FROM quota_limit ORDER BY 1",
                        rs -> rs.getString(1))).containsExactly(
                        "global  size 1073741824", "user #private&alice@example.org count -1", "user #private&alice@example.org size 524288000");

                record Box(String name, long uidValidity, long lastUid, long highestModSeq, long messages, long unseen, long deleted, long size) {
                }
                assertThat(Jdbc.list(c, "SELECT name, uid_validity, last_uid, highest_modseq, messages, unseen, deleted, size FROM mailbox ORDER BY name",
                        rs -> new Box(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                rs.getLong(7), rs.getLong(8)))).containsExactly(
                        new Box("INBOX", 2528683771L, 8, 15, 2, 1, 0, 2L * content().length),
                        new Box("Projects/2026", 2991967708L, 4, 6, 1, 0, 1, content().length));

                record Row(long uid, long modSeq, boolean seen, boolean flagged, boolean deleted, String keywords, String blob, long internalDate) {
                }
                List<Row> inbox = Jdbc.list(c, "SELECT mm.uid, mm.modseq, mm.is_seen, mm.is_flagged, mm.is_deleted, mm.user_flags, m.blob_id, "
                                + "m.internal_date FROM mailbox_message mm JOIN message m ON m.id = mm.message_id "
                                + "JOIN mailbox b ON b.id = mm.mailbox_id WHERE b.name = 'INBOX' ORDER BY mm.uid",
                        rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                                rs.getString(6), rs.getString(7), rs.getLong(8)));
                assertThat(inbox).extracting(Row::uid).containsExactly(2L, 7L);
                assertThat(inbox.get(0).modSeq()).isEqualTo(11);
                assertThat(inbox.get(0).seen()).isTrue();
                assertThat(inbox.get(1).flagged()).isTrue();
                assertThat(inbox.get(1).keywords()).isEqualTo("$Label1 project-x");
                assertThat(inbox.get(0).internalDate()).isEqualTo(1_796_000_000_000L);
                try {
                    byte[] stored = blobs.read(new BlobId(inbox.get(0).blob()));
                    assertThat(stored).isEqualTo(content());
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
                assertThat(Jdbc.one(c, "SELECT body_start FROM message LIMIT 1", rs -> rs.getInt(1)).orElseThrow())
                        .isEqualTo(HEADER.getBytes(StandardCharsets.UTF_8).length);
                assertThat(Jdbc.list(c, "SELECT flag FROM mailbox_user_flag ORDER BY flag", rs -> rs.getString(1)))
                        .containsExactly("$Label1", "project-x");
                assertThat(Jdbc.list(c, "SELECT mailbox FROM subscription", rs -> rs.getString(1)))
                        .containsExactly("#private:alice@example.org:Projects/2026");
                assertThat(Jdbc.list(c, "SELECT key || '=' || value FROM annotation", rs -> rs.getString(1)))
                        .containsExactly("/private/vacation=away");

                assertThat(Jdbc.list(c, "SELECT address || ' ' || roles FROM fl_member ORDER BY address", rs -> rs.getString(1)))
                        .containsExactly("alice@example.org OWNER", "bob@example.org SUBSCRIBER");
                assertThat(Jdbc.one(c, "SELECT message FROM fl_held", rs -> rs.getBytes(1)).orElseThrow())
                        .isEqualTo("Subject: Buy now\r\n\r\nspam\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(Jdbc.list(c, "SELECT address || ' ' || status FROM fl_pending", rs -> rs.getString(1)))
                        .containsExactly("dave@remote.test PENDING");
                assertThat(Jdbc.list(c, "SELECT digest FROM fl_seen", rs -> rs.getString(1))).containsExactly("a".repeat(64));
                return null;
            });
        }
        assertThat(data.legacyDerbyStore()).doesNotExist();
        assertThat(data.legacyDerbyLists()).doesNotExist();
        assertThat(data.derbyReleaseBackup().resolve("derby/service.properties")).exists();
        assertThat(data.derbyReleaseBackup().resolve("lists/service.properties")).exists();
        assertThat(data.searchIndex()).doesNotExist(); // rebuilt from the new store at the next start
        assertThat(data.retiredSearchIndex()).doesNotExist();
    }

    @Test
    void refusesANonEmptyTargetAndLeavesDerbyWhereItIs() throws Exception {
        DataDirectory data = DataDirectory.of(dir.resolve("data"));
        createRelease01Store(data);
        DatabaseSettings settings = emptyTarget(data);
        try (Database db = Database.open(settings)) {
            org.facteur.mailserver.store.data.SqlDataModule.migrate(db);
            db.inTransaction(c -> Jdbc.update(c, "INSERT INTO domains (name) VALUES ('already.example')"));
        }

        assertThatThrownBy(() -> DerbyReleaseMigration.migrate(data, settings))
                .isInstanceOf(DerbyReleaseMigration.MigrationRefusedException.class)
                .hasMessageContaining("already holds data (table domains");

        assertThat(data.legacyDerbyStore().resolve("service.properties")).exists();
        assertThat(data.legacyDerbyLists().resolve("service.properties")).exists();
        assertThat(data.derbyReleaseBackup()).doesNotExist();
        try (Database db = Database.open(settings)) {
            List<String> domains = db.read(c -> Jdbc.list(c, "SELECT name FROM domains", rs -> rs.getString(1)));
            int users = db.read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM users", rs -> rs.getInt(1)).orElseThrow());
            assertThat(domains).containsExactly("already.example");
            assertThat(users).isZero();
        }
    }

    @Test
    void aDamagedMessageRollsEverythingBackAndLeavesDerbyWhereItIs() throws Exception {
        DataDirectory data = DataDirectory.of(dir.resolve("data"));
        createRelease01Store(data);
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + data.legacyDerbyStore(), "app", "app");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE JAMES_MAIL SET MAIL_CONTENT_OCTETS_COUNT = 5 WHERE MAILBOX_ID = 19 AND MAIL_UID = 3");
        }
        shutdown(data.legacyDerbyStore());
        DatabaseSettings settings = emptyTarget(data);

        assertThatThrownBy(() -> DerbyReleaseMigration.migrate(data, settings))
                .hasMessageContaining("where 5 were recorded: the old store is damaged");

        try (Database db = Database.open(settings)) {
            List<Integer> counts = db.read(c -> Jdbc.list(c, "SELECT (SELECT COUNT(*) FROM domains) + (SELECT COUNT(*) FROM users)"
                    + " + (SELECT COUNT(*) FROM mailbox) + (SELECT COUNT(*) FROM message) + (SELECT COUNT(*) FROM fl_list)", rs -> rs.getInt(1)));
            assertThat(counts).containsExactly(0);
        }
        assertThat(data.legacyDerbyStore().resolve("service.properties")).exists();
        assertThat(data.legacyDerbyLists().resolve("service.properties")).exists();
        assertThat(data.derbyReleaseBackup()).doesNotExist();
    }

    @Test
    void saysThereIsNothingToMigrateWithoutDerby() {
        DataDirectory data = DataDirectory.of(dir.resolve("empty"));
        assertThatThrownBy(() -> DerbyReleaseMigration.migrate(data, DatabaseSettings.sqlite(data.database())))
                .isInstanceOf(DerbyReleaseMigration.MigrationRefusedException.class)
                .hasMessageContaining("nothing to migrate");
    }

    static byte[] content() {
        return (HEADER + BODY).getBytes(StandardCharsets.UTF_8);
    }

    /** James's PBKDF2-SHA512 of release 0.1: 1000 iterations, 512 bits, the user name as salt, MIME base64. */
    static String jamesHash(String user, String password) throws Exception {
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), user.getBytes(StandardCharsets.ISO_8859_1), 1000, 512)).getEncoded();
        return Base64.getMimeEncoder().encodeToString(hash);
    }

    /** The tables of release 0.1 (columns and types as found in a data directory of that release). */
    static void createRelease01Store(DataDirectory data) throws Exception {
        Files.createDirectories(data.legacyDerbyStore().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + data.legacyDerbyStore() + ";create=true", "app", "app");
             Statement s = c.createStatement()) {
            for (String ddl : List.of(
                    "CREATE TABLE JAMES_DOMAIN (DOMAIN_NAME VARCHAR(100) NOT NULL PRIMARY KEY)",
                    "CREATE TABLE JAMES_USER (USER_NAME VARCHAR(100) NOT NULL PRIMARY KEY, PASSWORD_HASH_ALGORITHM VARCHAR(100) NOT NULL,"
                            + " PASSWORD VARCHAR(128) NOT NULL, VERSION INTEGER)",
                    "CREATE TABLE JAMES_RECIPIENT_REWRITE (DOMAIN_NAME VARCHAR(100) NOT NULL, USER_NAME VARCHAR(100) NOT NULL,"
                            + " TARGET_ADDRESS VARCHAR(100) NOT NULL, PRIMARY KEY (DOMAIN_NAME, USER_NAME))",
                    "CREATE TABLE JAMES_MAILBOX (MAILBOX_ID BIGINT NOT NULL PRIMARY KEY, MAILBOX_HIGHEST_MODSEQ BIGINT, MAILBOX_LAST_UID BIGINT,"
                            + " MAILBOX_NAME VARCHAR(200) NOT NULL, MAILBOX_NAMESPACE VARCHAR(200) NOT NULL, MAILBOX_UID_VALIDITY BIGINT NOT NULL,"
                            + " USER_NAME VARCHAR(200))",
                    "CREATE TABLE JAMES_MAIL (MAILBOX_ID BIGINT NOT NULL, MAIL_UID BIGINT NOT NULL, MAIL_IS_ANSWERED SMALLINT NOT NULL,"
                            + " MAIL_BODY_START_OCTET INTEGER NOT NULL, MAIL_CONTENT_OCTETS_COUNT BIGINT NOT NULL, MAIL_IS_DELETED SMALLINT NOT NULL,"
                            + " MAIL_IS_DRAFT SMALLINT NOT NULL, MAIL_IS_FLAGGED SMALLINT NOT NULL, MAIL_DATE TIMESTAMP, MAIL_MIME_TYPE VARCHAR(200),"
                            + " MAIL_MODSEQ BIGINT, MAIL_IS_RECENT SMALLINT NOT NULL, MAIL_IS_SEEN SMALLINT NOT NULL, MAIL_MIME_SUBTYPE VARCHAR(200),"
                            + " MAIL_TEXTUAL_LINE_COUNT BIGINT, MAIL_BYTES BLOB NOT NULL, HEADER_BYTES BLOB NOT NULL, PRIMARY KEY (MAILBOX_ID, MAIL_UID))",
                    "CREATE TABLE JAMES_MAIL_USERFLAG (USERFLAG_ID BIGINT NOT NULL PRIMARY KEY, USERFLAG_NAME VARCHAR(500) NOT NULL,"
                            + " MAILBOX_ID BIGINT, MAIL_UID BIGINT)",
                    "CREATE TABLE JAMES_MAIL_PROPERTY (PROPERTY_ID BIGINT NOT NULL PRIMARY KEY, PROPERTY_LINE_NUMBER INTEGER NOT NULL,"
                            + " PROPERTY_LOCAL_NAME VARCHAR(500) NOT NULL, PROPERTY_NAME_SPACE VARCHAR(500) NOT NULL,"
                            + " PROPERTY_VALUE VARCHAR(1024) NOT NULL, MAILBOX_ID BIGINT, MAIL_UID BIGINT)",
                    "CREATE TABLE JAMES_MAILBOX_ANNOTATION (ANNOTATION_KEY VARCHAR(200) NOT NULL, MAILBOX_ID BIGINT NOT NULL, VALUE VARCHAR(200),"
                            + " PRIMARY KEY (ANNOTATION_KEY, MAILBOX_ID))",
                    "CREATE TABLE JAMES_SUBSCRIPTION (SUBSCRIPTION_ID BIGINT NOT NULL PRIMARY KEY, MAILBOX_NAME VARCHAR(100) NOT NULL,"
                            + " USER_NAME VARCHAR(100) NOT NULL)",
                    "CREATE TABLE JAMES_MAX_GLOBAL_STORAGE (QUOTAROOT_ID VARCHAR(255) NOT NULL PRIMARY KEY, VALUE BIGINT)",
                    "CREATE TABLE JAMES_MAX_GLOBAL_MESSAGE_COUNT (QUOTAROOT_ID VARCHAR(255) NOT NULL PRIMARY KEY, VALUE BIGINT)",
                    "CREATE TABLE JAMES_MAX_USER_STORAGE (QUOTAROOT_ID VARCHAR(255) NOT NULL PRIMARY KEY, VALUE BIGINT)",
                    "CREATE TABLE JAMES_MAX_USER_MESSAGE_COUNT (QUOTAROOT_ID VARCHAR(255) NOT NULL PRIMARY KEY, VALUE BIGINT)",
                    "CREATE TABLE JAMES_MAIL_REPOS (MAIL_REPO_NAME VARCHAR(255) NOT NULL PRIMARY KEY)",
                    "CREATE TABLE JAMES_SIEVE_SCRIPT (UUID VARCHAR(255) NOT NULL PRIMARY KEY, SCRIPT_NAME VARCHAR(255), USER_NAME VARCHAR(255))",
                    "CREATE TABLE JAMES_MAIL_STORE (MESSAGE_NAME VARCHAR(100) NOT NULL, REPOSITORY_NAME VARCHAR(255) NOT NULL)",
                    "INSERT INTO JAMES_SIEVE_SCRIPT VALUES ('u1', 'vacation', 'alice@example.org')",
                    "INSERT INTO JAMES_DOMAIN VALUES ('example.org'), ('example.net')",
                    "INSERT INTO JAMES_RECIPIENT_REWRITE VALUES ('example.org', 'info', 'alice@example.org;bob@example.org'),"
                            + " ('example.net', 'postmaster', 'forward:carol@remote.test')",
                    "INSERT INTO JAMES_MAILBOX VALUES (1, 15, 8, 'INBOX', '#private', 2528683771, 'alice@example.org'),"
                            + " (19, 6, 4, 'Projects/2026', '#private', 2991967708, 'alice@example.org')",
                    "INSERT INTO JAMES_MAIL_USERFLAG VALUES (151, '$Label1', 1, 7), (152, 'project-x', 1, 7)",
                    "INSERT INTO JAMES_MAIL_PROPERTY VALUES (1, 0, 'type', 'http://james.apache.org/rfc2045/Content-Type', 'text', 1, 2),"
                            + " (2, 1, 'subtype', 'http://james.apache.org/rfc2045/Content-Type', 'plain', 1, 2)",
                    "INSERT INTO JAMES_MAILBOX_ANNOTATION VALUES ('/private/vacation', 1, 'away')",
                    "INSERT INTO JAMES_SUBSCRIPTION VALUES (69, '#private:alice@example.org:Projects/2026', 'alice@example.org')",
                    "INSERT INTO JAMES_MAX_GLOBAL_STORAGE VALUES ('GlobalKey', 1073741824)",
                    "INSERT INTO JAMES_MAX_USER_STORAGE VALUES ('#private&alice@example.org', 524288000)",
                    "INSERT INTO JAMES_MAX_USER_MESSAGE_COUNT VALUES ('#private&alice@example.org', -1)",
                    "INSERT INTO JAMES_MAIL_REPOS VALUES ('file://var/mail/error')")) {
                s.execute(ddl);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO JAMES_USER VALUES ('alice@example.org', 'PBKDF2-SHA512', ?, 1)")) {
                ps.setString(1, jamesHash("alice@example.org", "Sunflower-2026!"));
                ps.executeUpdate();
            }
            // UIDs 2 and 7 in INBOX (1, 3-6 and 8 expunged), 3 in Projects/2026 (marked deleted)
            insertMail(c, 1, 2, 11, true, false, false);
            insertMail(c, 1, 7, 14, false, true, false);
            insertMail(c, 19, 3, 5, true, false, true);
        }
        shutdown(data.legacyDerbyStore());
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + data.legacyDerbyLists() + ";create=true");
             Statement s = c.createStatement()) {
            for (String ddl : List.of(
                    "CREATE TABLE fl_list (address VARCHAR(320) PRIMARY KEY, name VARCHAR(200) NOT NULL, description VARCHAR(2000) NOT NULL,"
                            + " language VARCHAR(35) NOT NULL, subscribe_policy VARCHAR(30) NOT NULL, unsubscribe_policy VARCHAR(30) NOT NULL,"
                            + " send_policy VARCHAR(30) NOT NULL, review_policy VARCHAR(30) NOT NULL, reply_to VARCHAR(30) NOT NULL,"
                            + " footer VARCHAR(4000) NOT NULL, max_bytes BIGINT NOT NULL)",
                    "CREATE TABLE fl_member (list VARCHAR(320) NOT NULL, address VARCHAR(320) NOT NULL, name VARCHAR(200) NOT NULL,"
                            + " roles VARCHAR(100) NOT NULL, reception VARCHAR(20) NOT NULL, PRIMARY KEY (list, address))",
                    "CREATE TABLE fl_held (k VARCHAR(64) PRIMARY KEY, cancel_key VARCHAR(64) NOT NULL UNIQUE, list VARCHAR(320) NOT NULL,"
                            + " sender VARCHAR(320) NOT NULL, subject VARCHAR(1000) NOT NULL, reason VARCHAR(1000) NOT NULL,"
                            + " message BLOB NOT NULL, held_at BIGINT NOT NULL, status VARCHAR(20) NOT NULL,"
                            + " decided_by VARCHAR(320), decided_at BIGINT)",
                    "CREATE TABLE fl_pending (k VARCHAR(64) PRIMARY KEY, kind VARCHAR(30) NOT NULL, list VARCHAR(320) NOT NULL,"
                            + " address VARCHAR(320) NOT NULL, name VARCHAR(200) NOT NULL, confirmer VARCHAR(320) NOT NULL, created_at BIGINT NOT NULL,"
                            + " expires_at BIGINT NOT NULL, status VARCHAR(20) NOT NULL, decided_by VARCHAR(320))",
                    "CREATE TABLE fl_seen (list VARCHAR(320) NOT NULL, digest CHAR(64) NOT NULL, seen_at BIGINT NOT NULL,"
                            + " PRIMARY KEY (list, digest))",
                    "INSERT INTO fl_list VALUES ('team@example.org', 'team', '', 'en', 'CONFIRM', 'OPEN', 'MEMBERS_OTHERS_MODERATED',"
                            + " 'MEMBERS', 'LIST', '', 26214400)",
                    "INSERT INTO fl_member VALUES ('team@example.org', 'alice@example.org', '', 'OWNER', 'MAIL'),"
                            + " ('team@example.org', 'bob@example.org', 'Bob', 'SUBSCRIBER', 'MAIL')",
                    "INSERT INTO fl_pending VALUES ('pk', 'CONFIRM_SUBSCRIBE', 'team@example.org', 'dave@remote.test', '',"
                            + " 'dave@remote.test', 1796143100558, 1796747900558, 'PENDING', NULL)",
                    "INSERT INTO fl_seen VALUES ('team@example.org', '" + "a".repeat(64) + "', 1796143100543)")) {
                s.execute(ddl);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fl_held VALUES ('hk', 'ck', 'team@example.org', 'mallory@remote.test',"
                    + " 'Buy now', 'hold.non-member', ?, 1796143100584, 'PENDING', NULL, NULL)")) {
                ps.setBytes(1, "Subject: Buy now\r\n\r\nspam\r\n".getBytes(StandardCharsets.US_ASCII));
                ps.executeUpdate();
            }
        }
        shutdown(data.legacyDerbyLists());
    }

    private static void insertMail(Connection c, long mailbox, long uid, long modSeq, boolean seen, boolean flagged, boolean deleted)
            throws SQLException {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO JAMES_MAIL VALUES (?, ?, 0, ?, ?, ?, 0, ?, ?, 'text', ?, 0, ?, 'plain', 1, ?, ?)")) {
            ps.setLong(1, mailbox);
            ps.setLong(2, uid);
            ps.setInt(3, header.length);
            ps.setLong(4, header.length + body.length);
            ps.setShort(5, (short) (deleted ? 1 : 0));
            ps.setShort(6, (short) (flagged ? 1 : 0));
            ps.setTimestamp(7, new Timestamp(1_796_000_000_000L));
            ps.setLong(8, modSeq);
            ps.setShort(9, (short) (seen ? 1 : 0));
            ps.setBytes(10, body);
            ps.setBytes(11, header);
            ps.executeUpdate();
        }
    }

    private static void shutdown(Path derby) {
        try {
            DriverManager.getConnection("jdbc:derby:" + derby + ";shutdown=true");
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("08006");
        }
    }
}
