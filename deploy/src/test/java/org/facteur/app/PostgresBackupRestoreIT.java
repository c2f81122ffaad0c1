package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPMessage;
import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.MailClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./facteur backup} of a Facteur whose store is PostgreSQL (the machine's server, or a private one started from
 * Debian's binaries): the snapshot holds a {@code pg_dump} of the database, message bodies included, and
 * {@code ./facteur restore} puts it into another, empty database, refusing a database that has tables and a
 * restore without a PostgreSQL URL. The restored server has the same messages (body digests), flags, folders, users
 * and their passwords, list and OpenPGP key.
 */
class PostgresBackupRestoreIT {
    static final String ALICE = "alice@example.org";
    static final String ALICE_PASSWORD = "Sunflower-2026!";
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "Hedgehog-2026!";
    static final int MESSAGES = 30;

    static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aSnapshotOfAPostgresStoreRestoresIntoAnEmptyDatabase() throws Exception {
        Map<String, String> firstDatabase = database(postgres.newDatabaseName());
        Map<String, String> secondDatabase = database(postgres.newDatabaseName());
        Path original = dir.resolve("data");
        Path backups = dir.resolve("backups");
        Map<String, String> mailbox;
        Map<String, String> admin = new TreeMap<>();
        Path snapshot;
        try (FacteurProcess first = new FacteurProcess(original, firstDatabase).start()) {
            MailClient client = new MailClient(first.ports());
            ok(first.admin("domain", "add", "example.org"));
            ok(first.admin("user", "add", ALICE, "--password", ALICE_PASSWORD));
            ok(first.admin("user", "add", BOB, "--password", BOB_PASSWORD));
            ok(first.admin("list", "create", "team@example.org", "--owner", ALICE));
            ok(first.admin("list", "add-member", "team@example.org", "carol@remote.test", "--name", "Carol"));
            ok(first.admin("pgp", "enable", ALICE, "--passphrase", "correct horse battery staple"));
            for (int i = 0; i < MESSAGES; i++) {
                client.submit(BOB, BOB_PASSWORD, client.message(BOB, ALICE, "pg-" + i, "Body number " + i + " ".repeat(i * 50)));
            }
            await().atMost(120, TimeUnit.SECONDS).until(() -> client.count(ALICE, ALICE_PASSWORD, "INBOX") == MESSAGES);
            fileAndFlag(client);
            mailbox = mailbox(client);
            for (String what : List.of("user list", "domain list", "list members team@example.org", "pgp status alice@example.org")) {
                admin.put(what, ok(first.admin(what.split(" "))));
            }

            FacteurProcess.Result backup = FacteurProcess.script(original, Duration.ofMinutes(5), "backup", "--to", backups.toString());
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            List<String> lines = backup.out().strip().lines().toList();
            snapshot = Path.of(lines.get(lines.size() - 1));
            System.out.printf("[pg-backup] %s%n", backup.out().strip());
            assertThat(first.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        assertThat(snapshot.resolve("database.pgdump")).isRegularFile();
        assertThat(snapshot.resolve("var/facteur.db")).doesNotExist();
        Properties info = new Properties();
        try (var in = Files.newInputStream(snapshot.resolve("snapshot.properties"))) {
            info.load(in);
        }
        assertThat(info.getProperty("database")).isEqualTo("postgresql");
        FacteurProcess.Result sums = run(snapshot, "sha256sum", "--quiet", "-c", "MANIFEST.sha256");
        assertThat(sums.exitCode()).as(sums.out() + sums.err()).isZero();
        FacteurProcess.Result contents = run(snapshot, "pg_restore", "--list", "database.pgdump");
        assertThat(contents.out()).as("pg_restore reads the dump with its own tools").contains("TABLE DATA public message ");

        Path refusedDir = dir.resolve("refused");
        FacteurProcess.Result intoUsed = FacteurProcess.script(refusedDir, firstDatabase, Duration.ofMinutes(2), "restore", snapshot.toString());
        assertThat(intoUsed.exitCode()).isEqualTo(1);
        assertThat(intoUsed.err()).contains("is not empty (", "restore only into an empty database");
        FacteurProcess.Result withoutUrl = FacteurProcess.script(refusedDir, Duration.ofMinutes(2), "restore", snapshot.toString());
        assertThat(withoutUrl.exitCode()).isEqualTo(1);
        assertThat(withoutUrl.err()).contains("This snapshot holds a PostgreSQL database: set FACTEUR_DATABASE_URL");
        assertThat(refusedDir).as("nothing written by a refused restore").satisfiesAnyOf(
                d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());

        Path restored = dir.resolve("restored");
        FacteurProcess.Result restore = FacteurProcess.script(restored, secondDatabase, Duration.ofMinutes(5), "restore", snapshot.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restored.resolve("database.pgdump")).as("the dump stays in the snapshot").doesNotExist();
        try (FacteurProcess second = new FacteurProcess(restored, secondDatabase).start()) {
            MailClient client = new MailClient(second.ports());
            for (Map.Entry<String, String> e : admin.entrySet()) {
                assertThat(ok(second.admin(e.getKey().split(" ")))).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(mailbox(client)).as("messages, bodies, flags and folders").isEqualTo(mailbox);
            client.submit(BOB, BOB_PASSWORD, client.message(BOB, ALICE, "after-restore", "The restored server takes new mail."));
            await().atMost(60, TimeUnit.SECONDS).until(() -> client.count(ALICE, ALICE_PASSWORD, "INBOX") == MESSAGES);
        }
    }

    private static Map<String, String> database(String name) {
        return Map.of("FACTEUR_DATABASE_URL", postgres.url(name), "FACTEUR_DATABASE_USER", postgres.user());
    }

    /** Flags three messages, files two in a folder and expunges one of them from INBOX. */
    private static void fileAndFlag(MailClient client) throws Exception {
        try (Store store = client.imap(ALICE, ALICE_PASSWORD)) {
            Folder kept = store.getFolder("Kept/2026");
            assertThat(kept.create(Folder.HOLDS_MESSAGES)).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] all = inbox.getMessages();
            all[0].setFlag(Flags.Flag.SEEN, true);
            all[1].setFlags(new Flags(Flags.Flag.FLAGGED), true);
            all[2].setFlags(new Flags("$Important"), true);
            inbox.copyMessages(new Message[] {all[3], all[4]}, kept);
            all[4].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
    }

    /** Every message of alice's INBOX and folder as "folder subject" → flags and body digest. */
    private static Map<String, String> mailbox(MailClient client) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        try (Store store = client.imap(ALICE, ALICE_PASSWORD)) {
            for (String name : List.of("INBOX", "Kept/2026")) {
                Folder folder = store.getFolder(name);
                folder.open(Folder.READ_ONLY);
                for (Message m : folder.getMessages()) {
                    Flags flags = m.getFlags();
                    flags.remove(Flags.Flag.RECENT);
                    ((IMAPMessage) m).setPeek(true); // reading must not set \Seen, or the second reading differs
                    byte[] body = m.getInputStream().readAllBytes();
                    seen.put(name + " " + m.getSubject(), flags + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(body)));
                }
                folder.close(false);
            }
        }
        assertThat(seen).hasSize(MESSAGES + 1);
        return seen;
    }

    private static String ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    private static FacteurProcess.Result run(Path workDir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Path out = Files.createTempFile("cmd", ".out");
        Path err = Files.createTempFile("cmd", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new FacteurProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
