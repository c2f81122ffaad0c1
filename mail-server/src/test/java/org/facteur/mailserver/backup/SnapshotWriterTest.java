package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.mailbox.SqlMailboxSessionMapperFactory;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot of a real SQLite store and real files, restored into an empty directory; damage and misuse refused. */
class SnapshotWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T02:31:38Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    DataDirectory data;
    Database database;
    Path backups;

    @BeforeEach
    void dataDirectoryWithAMessage() throws Exception {
        data = DataDirectory.of(tmp.resolve("data"));
        backups = tmp.resolve("backups");
        Files.createDirectories(data.database().getParent());
        database = Database.open(DatabaseSettings.sqlite(data.database()));
        database.migrate("mailbox", SqlMailboxSessionMapperFactory.MIGRATIONS);
        BlobId body = new FileBlobStore(data.blobs()).save("Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO message (id, blob_id, refs, size, body_start, internal_date)"
                + " VALUES ('m1', ?, 1, 25, 16, 0)", body.sha256()));
        write(data.dkim().resolve("example.org/sel.key"), "dkim key");
        write(data.pgp().resolve("bob@example.org.asc"), "pgp key");
        write(data.queues().resolve("spool/0000000000000000007.mail"), "queued mail");
        write(data.queues().resolve("spool/.tmp-0000000000000000008.mail"), "being written");
        write(data.legacyActiveMqQueues().resolve("brokers/KahaDB/db-1.log"), "journal");
        write(data.legacyActiveMqQueues().resolve("brokers/KahaDB/db.data"), "index");
        write(data.searchIndex().resolve("segments_1"), "index");
        write(data.admin().resolve("token"), "secret");
        write(data.blobs().resolve("incoming/.tmp-123"), "half-written");
        write(data.root().resolve("var/something-new/state"), "written by a part DataDirectory does not know");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSnapshotRestoresIntoAnEmptyDirectory() throws Exception {
        Snapshot snapshot = new SnapshotWriter(data, database, CLOCK).take(backups);

        assertThat(snapshot.path()).isEqualTo(backups.resolve("facteur-20261202T023138Z"));
        assertThat(Manifest.read(snapshot.path()).problems(snapshot.path())).isEmpty();
        assertThat(snapshot.path().resolve("var/queue/spool/0000000000000000007.mail")).hasContent("queued mail");
        assertThat(snapshot.path().resolve("var/queue/spool/.tmp-0000000000000000008.mail")).doesNotExist();
        assertThat(snapshot.path().resolve("var/store/activemq/brokers/KahaDB/db-1.log")).hasContent("journal");
        assertThat(snapshot.path().resolve("var/store/activemq/brokers/KahaDB/db.data")).doesNotExist();
        assertThat(snapshot.path().resolve("var/store/search")).doesNotExist();
        assertThat(snapshot.path().resolve("admin")).doesNotExist();
        assertThat(snapshot.path().resolve("var/blobs/incoming")).doesNotExist();
        assertThat(snapshot.path().resolve("var/something-new/state")).as("undeclared files are copied, not forgotten")
                .hasContent("written by a part DataDirectory does not know");
        assertThat(Files.list(backups)).containsExactly(snapshot.path());

        DataDirectory restored = DataDirectory.of(tmp.resolve("restored"));
        SnapshotRestore.restore(snapshot.path(), restored);

        assertThat(restored.dkim().resolve("example.org/sel.key")).hasContent("dkim key");
        assertThat(restored.pgp().resolve("bob@example.org.asc")).hasContent("pgp key");
        assertThat(restored.queues().resolve("spool/0000000000000000007.mail")).hasContent("queued mail");
        assertThat(restored.root().resolve(Manifest.FILE)).doesNotExist();
        try (Database copy = Database.open(DatabaseSettings.sqlite(restored.database()))) {
            String blob = copy.read(c -> Jdbc.one(c, "SELECT blob_id FROM message WHERE id = 'm1'", rs -> rs.getString(1)).orElseThrow());
            assertThat(new FileBlobStore(restored.blobs()).read(new BlobId(blob))).asString().contains("Subject: hello");
        }
        Snapshot second = new SnapshotWriter(data, database, CLOCK).take(backups);
        assertThat(second.path().getFileName().toString()).isEqualTo("facteur-20261202T023138Z-2");
    }

    @Test
    void aDamagedSnapshotIsRefusedAndNothingIsWritten() throws Exception {
        Snapshot snapshot = new SnapshotWriter(data, database, CLOCK).take(backups);
        Path key = snapshot.path().resolve("dkim/example.org/sel.key");
        Files.writeString(key, "dkim kez");

        Path target = tmp.resolve("restored");
        assertThatThrownBy(() -> SnapshotRestore.restore(snapshot.path(), DataDirectory.of(target)))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("dkim/example.org/sel.key does not match its SHA-256");
        assertThat(target).doesNotExist();
    }

    @Test
    void aNonEmptyDataDirectoryIsRefused() throws Exception {
        Snapshot snapshot = new SnapshotWriter(data, database, CLOCK).take(backups);
        assertThatThrownBy(() -> SnapshotRestore.restore(snapshot.path(), data))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("is not empty");
    }

    @Test
    void aBodyTheDatabaseRefersToButMissingFailsTheBackup() throws Exception {
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO message (id, blob_id, refs, size, body_start, internal_date)"
                + " VALUES ('m2', ?, 1, 25, 16, 0)", "ab".repeat(32)));
        assertThatThrownBy(() -> new SnapshotWriter(data, database, CLOCK).take(backups))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("1 message bodies the copied database refers to are missing");
        assertThat(Files.list(backups)).as("no partial snapshot left behind").isEmpty();
    }

    @Test
    void anInterruptedThreadGivesUpTheSnapshotAndLeavesNothing() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new SnapshotWriter(data, database, CLOCK).take(backups))
                    .isInstanceOf(SnapshotCancelledException.class)
                    .hasMessage("The backup was cancelled because Facteur is stopping; nothing was kept.");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is left for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.list(backups)).as("no partial snapshot left behind").isEmpty();
        assertThat(new SnapshotWriter(data, database, CLOCK).take(backups).path()).isDirectory();
    }

    @Test
    void aSnapshotRemovesWhatABackupKilledBeforeItLeft() throws Exception {
        Path left = Files.createDirectories(backups.resolve("facteur-20261201T023138Z.partial-99"));
        write(left.resolve("var/store/facteur.db"), "half a copy");
        write(backups.resolve("facteur-20261201T023138Z.partial-99.lock"), PartialSnapshot.Writer.here(true)); // free

        Snapshot snapshot = new SnapshotWriter(data, database, CLOCK).take(backups);

        try (java.util.stream.Stream<Path> entries = Files.list(backups)) {
            assertThat(entries).containsExactly(snapshot.path());
        }
    }

    @Test
    void snapshotsCannotGoInsideTheDataDirectory() {
        assertThatThrownBy(() -> new SnapshotWriter(data, database, CLOCK).take(data.root().resolve("backups")))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("inside the data directory");
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
