package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.facteur.mailserver.MailClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A data directory written by release 0.1 (Derby; {@code src/test/fixtures/release-0.1-derby}, made by
 * {@code make_fixture.py} against that release, {@code expected.json} read back from it over IMAP and the admin
 * command) goes through the upgrade a user does: the new jar refuses to start and names {@code ./facteur migrate};
 * the script converts it; the new server then shows over IMAP the same UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, UIDs
 * (with their gaps), flags, keywords and byte-identical messages, accepts the old passwords, resolves the old
 * aliases for new mail (whose UIDs continue after the old ones), and has the lists, members, quota and held post.
 * The old password hashes are replaced by Argon2id at those logins.
 */
class MigrationIT {
    static final Path FIXTURE = FacteurProcess.ROOT.resolve("deploy/src/test/fixtures/release-0.1-derby");

    @TempDir
    Path dir;

    @Test
    void release01DataDirectoryIsRefusedThenMigratedWithItsMailUsersAliasesAndLists() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(FIXTURE.resolve("expected.json").toFile());
        exec(Duration.ofSeconds(60), List.of("tar", "xzf", FIXTURE.resolve("data.tgz").toString(), "-C", dir.toString()), Map.of());
        Path data = dir.resolve("data");
        assertThat(data.resolve("var/store/derby")).isDirectory();

        FacteurProcess server = new FacteurProcess(data, Map.of("FACTEUR_ROUTES", "remote.test=127.0.0.1:9", "FACTEUR_RETRY_DELAYS", "12h"));
        Map<String, String> env = new TreeMap<>(server.env);
        ProcessResult refused = exec(Duration.ofSeconds(180),
                List.of(FacteurProcess.java(), "-Xmx512m", "-jar", FacteurProcess.JAR.toString()), env);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("holds the store of an earlier Facteur release", "run ./facteur migrate");
        assertThat(data.resolve("var/facteur.db")).doesNotExist();

        long begin = System.nanoTime();
        env.put("JAVA_HOME", Path.of(FacteurProcess.java()).getParent().getParent().toString());
        ProcessResult migrated = exec(Duration.ofSeconds(600),
                List.of(FacteurProcess.ROOT.resolve("facteur").toString(), "migrate", "--data-dir", data.toString()), env);
        long millis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        System.out.printf("[migration] ./facteur migrate took %d ms: %s%n", millis, migrated.output().strip());
        assertThat(migrated.exitCode()).as(migrated.output()).isZero();
        assertThat(migrated.output()).doesNotContain("Not converted").contains("3 users", "19 mailboxes", "11 messages", "1 lists", "3 list members", "1 held posts",
                "1 pending requests");
        assertThat(data.resolve("var/store/derby")).doesNotExist();
        assertThat(data.resolve("var/derby-release-backup/derby/service.properties")).exists();
        assertThat(data.resolve("var/derby-release-backup/lists/service.properties")).exists();

        ProcessResult again = exec(Duration.ofSeconds(600),
                List.of(FacteurProcess.ROOT.resolve("facteur").toString(), "migrate", "--data-dir", data.toString()), env);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("there is nothing to migrate");

        try (FacteurProcess started = server.start()) {
            MailClient client = new MailClient(started.ports());
            JsonNode users = expected.get("users");
            for (var user = users.fields(); user.hasNext(); ) {
                var e = user.next();
                assertMailboxesAsBefore(client, e.getKey(), e.getValue());
            }

            assertThat(started.admin("domain", "list").out().split("\\s+"))
                    .containsExactlyInAnyOrderElementsOf(texts(expected.get("domains")));
            assertThat(started.admin("alias", "list").out()).isEqualTo(expected.get("aliases").asText());
            assertThat(started.admin("quota", "show", "bob@example.org").out()).isEqualTo(expected.get("quota_bob").asText());
            assertThat(started.admin("list", "list").out()).isEqualTo(expected.get("lists").asText());
            // Release 0.1 had no DMARC mitigation (#11.1), no "copies" setting (#11.3) and no archive (#11.5): the
            // migrated list gets the defaults, the mitigation, one copy per member and a members-only archive.
            assertThat(started.admin("list", "show", "team@example.org").out()).isEqualTo(expected.get("list_show").asText()
                    .replace("footer: ", "dmarc: rewrite\ndmarc-poster: reply-to\ncopies: personal\narchive: members\nfooter: "));
            // Release 0.1 listed its owner as "owner  mail" but never sent owners posts (#15.18): the migrated owner
            // still gets none, and the listing now says so.
            assertThat(started.admin("list", "members", "team@example.org").out()).isEqualTo(expected.get("list_members")
                    .asText().replace("owner  mail", "owner  no posts (not subscribed)"));

            // The held post is still waiting for its moderator: the owner's MODINDEX lists it.
            client.submit("alice@example.org", "Sunflower-2026!",
                    client.message("alice@example.org", "lists@example.org", "modindex", "MODINDEX team@example.org\r\n"));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(bodiesOfNewMail(client, "alice@example.org", "Sunflower-2026!", 9)).contains("Buy now"));

            // The old alias delivers new mail to both targets, under UIDs after those the old server gave.
            client.deliver(client.message("zoe@remote.test", "info@example.org", "After the upgrade", "Still there?"));
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
                assertThat(uidsWithSubject(client, "bob@example.org", "Riverbank-77x", "After the upgrade"))
                        .containsExactly(expected.at("/users/bob@example.org/mailboxes/INBOX/uidnext").asLong());
                assertThat(uidsWithSubject(client, "alice@example.org", "Sunflower-2026!", "After the upgrade"))
                        .allMatch(uid -> uid >= expected.at("/users/alice@example.org/mailboxes/INBOX/uidnext").asLong())
                        .hasSize(1);
            });
            // migrate removed the index of the replaced store; the first start indexes the converted messages again.
            assertThat(started.log()).containsPattern("Search index of mailbox \\S+: [1-9][0-9]* message\\(s\\) to index");
        }

        // The PBKDF2 hashes of 0.1 were replaced by Argon2id when each user logged in above.
        List<String> hashes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("var/facteur.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM users ORDER BY name")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        }
        assertThat(hashes).hasSize(3).allMatch(h -> h.startsWith("$argon2id$"));
    }

    /** Every mailbox of the user: STATUS values, and per UID the flags, the size and the SHA-256 of BODY[]. */
    private static void assertMailboxesAsBefore(MailClient client, String user, JsonNode expected) throws Exception {
        try (Store store = client.imap(user, expected.get("password").asText())) {
            for (var box = expected.get("mailboxes").fields(); box.hasNext(); ) {
                var e = box.next();
                String name = e.getKey();
                JsonNode want = e.getValue();
                IMAPFolder folder = (IMAPFolder) store.getFolder(name);
                Status status = (Status) folder.doCommand(p -> p.status(name, new String[] {"UIDVALIDITY", "UIDNEXT", "HIGHESTMODSEQ"}));
                assertThat(status.uidvalidity).as(user + " " + name + " UIDVALIDITY").isEqualTo(want.get("uidvalidity").asLong());
                assertThat(status.uidnext).as(user + " " + name + " UIDNEXT").isEqualTo(want.get("uidnext").asLong());
                assertThat(status.highestmodseq).as(user + " " + name + " HIGHESTMODSEQ").isEqualTo(want.get("highestmodseq").asLong());
                folder.open(Folder.READ_ONLY);
                List<Map<String, Object>> seen = new ArrayList<>();
                for (Message m : folder.getMessages()) {
                    int number = m.getMessageNumber();
                    byte[] raw = (byte[]) folder.doCommand(p -> body(p, number));
                    seen.add(Map.of("uid", folder.getUID(m), "flags", flags(m.getFlags()), "size", (long) m.getSize(),
                            "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw))));
                }
                List<Map<String, Object>> wanted = new ArrayList<>();
                for (JsonNode w : want.get("messages")) {
                    wanted.add(Map.of("uid", w.get("uid").asLong(), "flags", texts(w.get("flags")), "size", w.get("size").asLong(),
                            "sha256", w.get("sha256").asText()));
                }
                assertThat(seen).as(user + " " + name).isEqualTo(wanted);
                folder.close(false);
            }
            List<String> subscribed = new ArrayList<>();
            for (Folder f : store.getDefaultFolder().listSubscribed("*")) {
                subscribed.add(f.getFullName());
            }
            assertThat(subscribed).containsExactlyInAnyOrderElementsOf(texts(expected.get("subscriptions")));
        }
    }

    private static byte[] body(IMAPProtocol p, int number) throws org.eclipse.angus.mail.iap.ProtocolException {
        BODY body = p.peekBody(number, "");
        return body.getByteArray().getNewBytes();
    }

    /** Flags as IMAP names, without \Recent (which belongs to a session), sorted. */
    private static List<String> flags(Flags flags) {
        List<String> names = new ArrayList<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            if (f == Flags.Flag.ANSWERED) {
                names.add("\\Answered");
            } else if (f == Flags.Flag.DELETED) {
                names.add("\\Deleted");
            } else if (f == Flags.Flag.DRAFT) {
                names.add("\\Draft");
            } else if (f == Flags.Flag.FLAGGED) {
                names.add("\\Flagged");
            } else if (f == Flags.Flag.SEEN) {
                names.add("\\Seen");
            }
        }
        names.addAll(List.of(flags.getUserFlags()));
        names.sort(null);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Long> uidsWithSubject(MailClient client, String user, String password, String subject) throws Exception {
        List<Long> uids = new ArrayList<>();
        try (Store store = client.imap(user, password)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                if (subject.equals(m.getSubject())) {
                    uids.add(inbox.getUID(m));
                }
            }
        }
        return uids;
    }

    /** The whole text of the messages with UIDs from {@code fromUid} on. */
    private static String bodiesOfNewMail(MailClient client, String user, String password, long fromUid) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Store store = client.imap(user, password)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessagesByUID(fromUid, IMAPFolder.LASTUID)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.writeTo(out);
                all.append(out.toString(StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult exec(Duration timeout, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("migration-it", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        return new ProcessResult(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
