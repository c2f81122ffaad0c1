package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.backup.SnapshotLayout;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./facteur backup} taken while 500 messages arrive over SMTP, then {@code ./facteur restore} into an empty
 * directory: the Facteur started on it has every message acknowledged before the backup began (same Message-ID, same
 * body digest), the flags and folders, users, aliases, the list with its members and held post, the OpenPGP key, and
 * the outgoing mail that was waiting in the queue for a retry.
 * A snapshot with one damaged file, or a data directory that is not empty, makes restore refuse.
 */
class BackupRestoreIT {
    static final int BURST = 500;
    static final int CONNECTIONS = 4;
    static final int OUTBOUND = 3;
    /** Between two messages on one connection: the burst (about 25 messages a second) outlasts the backup command. */
    static final Duration PACE = Duration.ofMillis(150);
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "An0ther-pass";
    static final String ALICE = "alice@example.org";
    static final String ALICE_PASSWORD = "Sunflower-2026!";
    static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void aBackupTakenDuringABurstRestoresEverythingAcknowledgedBeforeIt() throws Exception {
        Path original = dir.resolve("data");
        Path backups = dir.resolve("backups");
        // Mail to partner.test cannot leave the first server (nothing listens on port 9): it waits in the outgoing
        // queue, retried every 10 s. The restored server routes partner.test to a GreenMail that accepts it.
        Map<String, String> unreachablePartner = Map.of("FACTEUR_ROUTES", "remote.test=127.0.0.1:9,partner.test=127.0.0.1:9",
                "FACTEUR_RETRY_DELAYS", "10s", "FACTEUR_MAX_RETRIES", "100");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedBefore;
        Map<String, String> before = new TreeMap<>();
        Map<String, String> prelude;
        Path snapshot;
        Path restic = dir.resolve("restic-repository");
        Path resticPassword = Files.writeString(dir.resolve("restic-password"), "a long restic passphrase\n");
        Map<String, String> firstEnv = new HashMap<>(unreachablePartner);
        firstEnv.put("FACTEUR_BACKUP_REPOSITORY", restic.toString());
        firstEnv.put("FACTEUR_BACKUP_PASSWORD_FILE", resticPassword.toString());
        try (FacteurProcess first = new FacteurProcess(original, firstEnv).start()) {
            MailClient client = new MailClient(first.ports());
            ok(first.admin("domain", "add", "example.org"));
            ok(first.admin("user", "add", BOB, "--password", BOB_PASSWORD));
            ok(first.admin("user", "add", ALICE, "--password", ALICE_PASSWORD));
            ok(first.admin("alias", "add", "info@example.org", BOB));
            ok(first.admin("list", "create", "team@example.org", "--owner", ALICE, "--moderator", BOB));
            ok(first.admin("list", "add-member", "team@example.org", "carol@remote.test", "--name", "Carol"));
            ok(first.admin("pgp", "enable", ALICE, "--passphrase", PASSPHRASE));
            // A non-member's post to a discussion list waits for a moderator, who is told.
            client.deliver(client.message("dave@remote.test", "team@example.org", "Held for the moderator", "Please let me in."));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(newMail(client, BOB, BOB_PASSWORD, 0)).contains("Held for the moderator"));
            prelude = flagsAndFolders(client);
            for (int i = 0; i < OUTBOUND; i++) {
                client.submit(ALICE, ALICE_PASSWORD, client.message(ALICE, "ext@partner.test", "outbound-" + i, "Waiting in the queue"));
            }
            for (String what : List.of("user list", "alias list", "domain list", "list show team@example.org",
                    "list members team@example.org", "pgp export-key alice@example.org", "pgp status alice@example.org")) {
                before.put(what, ok(first.admin(what.split(" "))));
            }

            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
            for (int c = 0; c < CONNECTIONS; c++) {
                senders.submit(() -> send(first.smtp, next, acknowledged));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < BURST / 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            acknowledgedBefore = Set.copyOf(acknowledged);
            FacteurProcess.Result backup = facteur(original, Duration.ofMinutes(5), "backup", "--to", backups.toString(),
                    "--keep-daily", "3");
            int acknowledgedAfter = acknowledged.size();
            senders.shutdown();
            assertThat(senders.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
            System.out.printf("[backup] snapshot taken with %d messages acknowledged before the command and %d when it"
                    + " returned (of %d): %s%n", acknowledgedBefore.size(), acknowledgedAfter, BURST, backup.out().strip());
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            assertThat(acknowledgedAfter).as("the burst was still running during the backup").isLessThan(BURST);
            List<String> lines = backup.out().strip().lines().toList();
            snapshot = Path.of(lines.get(lines.size() - 1));
            assertThat(snapshot.getParent()).isEqualTo(backups);
            assertThat(snapshot.getFileName().toString()).matches("facteur-\\d{8}T\\d{6}Z");
            assertThat(backup.out()).contains("Copied off-site to the restic repository " + restic + " as snapshot ");
            assertThat(acknowledged).hasSize(BURST);
            assertThat(first.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }

        // Every file the running server wrote is in a part of DataDirectory's layout, so the snapshot decided on it.
        try (var files = Files.walk(original)) {
            DataDirectory layout = DataDirectory.of(original);
            assertThat(files.filter(Files::isRegularFile).filter(f -> SnapshotLayout.partOf(layout, f).isEmpty()).toList())
                    .as("files outside DataDirectory's layout").isEmpty();
        }

        // An independent judge of the manifest: coreutils' sha256sum.
        FacteurProcess.Result sums = run(snapshot, Duration.ofMinutes(2), Map.of(), "sha256sum", "--quiet", "-c", "MANIFEST.sha256");
        assertThat(sums.exitCode()).as(sums.out() + sums.err()).isZero();

        // The off-site copy: restic lists it and restores the same files (the manifest verifies on the copy).
        Map<String, String> resticEnv = Map.of("RESTIC_REPOSITORY", restic.toString(), "RESTIC_PASSWORD_FILE", resticPassword.toString());
        FacteurProcess.Result listed = run(dir, Duration.ofMinutes(2), resticEnv, "restic", "snapshots", "--tag", "facteur", "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("\"paths\":[\"" + snapshot + "\"]");
        Path fromRestic = dir.resolve("from-restic");
        FacteurProcess.Result fetched = run(dir, Duration.ofMinutes(5), resticEnv, "restic", "restore", "latest", "--target", fromRestic.toString());
        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        Path copy = fromRestic.resolve(snapshot.toString().substring(1));
        assertThat(org.facteur.mailserver.backup.Manifest.read(copy).problems(copy)).isEmpty();

        FacteurProcess.Result intoUsed = facteur(original, Duration.ofMinutes(2), "restore", snapshot.toString(),
                "--data-dir", original.toString());
        assertThat(intoUsed.exitCode()).isEqualTo(1);
        assertThat(intoUsed.err()).contains("is not empty: restore only into an empty directory");

        Path damaged = dir.resolve("damaged");
        assertThat(run(dir, Duration.ofMinutes(2), Map.of(), "cp", "-a", snapshot.toString(), damaged.toString()).exitCode()).isZero();
        Path body;
        try (var files = Files.walk(damaged.resolve("var/blobs"))) {
            body = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(body);
        bytes[bytes.length / 2] ^= 1;
        Files.write(body, bytes);
        Path notRestored = dir.resolve("not-restored");
        FacteurProcess.Result refused = facteur(notRestored, Duration.ofMinutes(2), "restore", damaged.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("does not match its manifest, so nothing was restored",
                damaged.relativize(body) + " does not match its SHA-256");
        assertThat(notRestored).doesNotExist();

        Path restored = dir.resolve("restored");
        FacteurProcess.Result restore = facteur(restored, Duration.ofMinutes(5), "restore", snapshot.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        System.out.printf("[backup] %s%n", restore.out().strip());

        GreenMail partner = new GreenMail(new ServerSetup(FacteurProcess.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        partner.start();
        try (FacteurProcess second = new FacteurProcess(restored, Map.of(
                "FACTEUR_ROUTES", "remote.test=127.0.0.1:9,partner.test=127.0.0.1:" + partner.getSmtp().getPort(),
                "FACTEUR_RETRY_DELAYS", "10s", "FACTEUR_MAX_RETRIES", "100")).start()) {
            MailClient client = new MailClient(second.ports());
            for (Map.Entry<String, String> e : before.entrySet()) {
                assertThat(ok(second.admin(e.getKey().split(" ")))).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(flagsAndFolders(client)).isEqualTo(prelude);
            assertThat(client.count(ALICE, ALICE_PASSWORD, "INBOX")).as("alice logs in with her password").isGreaterThanOrEqualTo(0);

            Map<String, String> digests = awaitInbox(client, acknowledgedBefore);
            Set<String> missing = new HashSet<>(acknowledgedBefore);
            missing.removeAll(digests.keySet());
            System.out.printf("[backup] restored INBOX: %d burst messages (%d acknowledged before the backup), %d of those missing%n",
                    digests.size(), acknowledgedBefore.size(), missing.size());
            assertThat(missing).as("acknowledged before the backup but not restored").isEmpty();
            for (String id : acknowledgedBefore) {
                assertThat(digests.get(id)).as("body of " + id).isEqualTo(sha256(body(id)));
            }

            // The outgoing queue came back with the snapshot: the mail that waited for partner.test leaves now.
            await().atMost(120, TimeUnit.SECONDS).untilAsserted(() -> assertThat(java.util.Arrays.stream(partner.getReceivedMessages())
                    .map(BackupRestoreIT::subject).distinct().filter(s -> s.startsWith("outbound-")).count()).isEqualTo(OUTBOUND));

            // The held post is still waiting: the moderator's MODINDEX lists it.
            int bobBefore = client.count(BOB, BOB_PASSWORD, "INBOX");
            client.submit(BOB, BOB_PASSWORD, client.message(BOB, "lists@example.org", "modindex", "MODINDEX team@example.org\r\n"));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(newMail(client, BOB, BOB_PASSWORD, bobBefore)).contains("Held for the moderator"));
        } finally {
            partner.stop();
        }
    }

    /** Flags a few messages and files two in a folder; returns each folder's messages as subject → flags. */
    private static Map<String, String> flagsAndFolders(MailClient client) throws Exception {
        try (Store store = client.imap(BOB, BOB_PASSWORD)) {
            Folder projects = store.getFolder("Projects/2026");
            if (!projects.exists()) {
                for (int i = 0; i < 5; i++) {
                    client.deliver(client.message("zoe@remote.test", "info@example.org", "prelude-" + i, "Before the burst " + i));
                }
                await().atMost(60, TimeUnit.SECONDS).until(() -> client.subjects(BOB, BOB_PASSWORD, "INBOX").stream()
                        .filter(s -> s != null && s.startsWith("prelude-")).count() == 5);
                assertThat(projects.create(Folder.HOLDS_MESSAGES)).isTrue();
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] all = java.util.Arrays.stream(inbox.getMessages()).filter(BackupRestoreIT::isPrelude)
                        .toArray(Message[]::new);
                all[0].setFlag(Flags.Flag.SEEN, true);
                all[1].setFlags(new Flags(Flags.Flag.FLAGGED), true);
                all[2].setFlags(new Flags("$Label1"), true);
                inbox.copyMessages(new Message[] {all[3], all[4]}, projects);
                all[4].setFlag(Flags.Flag.DELETED, true);
                inbox.close(true);
            }
            Map<String, String> seen = new TreeMap<>();
            for (String name : List.of("INBOX", "Projects/2026")) {
                Folder folder = store.getFolder(name);
                folder.open(Folder.READ_ONLY);
                for (Message m : folder.getMessages()) {
                    if (isPrelude(m)) {
                        Flags flags = m.getFlags();
                        flags.remove(Flags.Flag.RECENT);
                        seen.put(name + " " + m.getSubject(), flags.toString());
                    }
                }
                folder.close(false);
            }
            assertThat(seen).hasSize(6);
            return seen;
        }
    }

    private static String subject(Message m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPrelude(Message m) {
        try {
            return m.getSubject() != null && m.getSubject().startsWith("prelude-");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Message-ID → SHA-256 of the body, for the burst messages in bob's INBOX, once every wanted one has arrived (or 3 minutes passed). */
    private static Map<String, String> awaitInbox(MailClient client, Set<String> wanted) throws Exception {
        Map<String, String> digests = Map.of();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            digests = new HashMap<>();
            try (Store store = client.imap(BOB, BOB_PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    String[] ids = m.getHeader("Message-ID");
                    if (ids != null && ids[0].startsWith("<burst-")) {
                        try (InputStream raw = ((IMAPMessage) m).getRawInputStream()) {
                            digests.put(ids[0].substring(1, ids[0].indexOf('@')), sha256(raw.readAllBytes()));
                        }
                    }
                }
            }
            if (digests.keySet().containsAll(wanted)) {
                return digests;
            }
            Thread.sleep(1000);
        }
        return digests;
    }

    private static String newMail(MailClient client, String user, String password, int after) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Store store = client.imap(user, password)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (int i = after + 1; i <= inbox.getMessageCount(); i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                inbox.getMessage(i).writeTo(out);
                all.append(out.toString(StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static void send(int port, AtomicInteger next, Set<String> acknowledged) {
        try (SmtpDialogue smtp = new SmtpDialogue(port)) {
            smtp.greetAndEhlo();
            int n;
            while ((n = next.getAndIncrement()) < BURST) {
                String id = "burst-" + n;
                if (!smtp.command("MAIL FROM:<load@remote.test>").startsWith("250")
                        || !smtp.command("RCPT TO:<" + BOB + ">").startsWith("250")
                        || !smtp.command("DATA").startsWith("354")) {
                    return;
                }
                smtp.send("Subject: " + id + "\r\nMessage-ID: <" + id + "@remote.test>\r\n\r\n"
                        + new String(body(id), StandardCharsets.US_ASCII) + ".\r\n");
                if (smtp.reply().startsWith("250")) {
                    acknowledged.add(id);
                }
                Thread.sleep(PACE.toMillis());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(String id) {
        return ("Payload of " + id + " " + "x".repeat(800) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        return result.out();
    }

    private static FacteurProcess.Result facteur(Path data, Duration timeout, String... args) throws Exception {
        return FacteurProcess.script(data, timeout, args);
    }

    private static FacteurProcess.Result run(Path workDir, Duration timeout, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("backup-it", ".out");
        Path err = Files.createTempFile("backup-it", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(List.of(command) + " did not finish within " + timeout);
        }
        return new FacteurProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
