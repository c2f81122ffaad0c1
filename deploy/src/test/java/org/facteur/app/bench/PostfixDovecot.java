package org.facteur.app.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.facteur.app.FacteurProcess;

/**
 * The peer an association would pick instead of Facteur, from Debian's own packages ({@code postfix},
 * {@code dovecot-imapd}, {@code dovecot-lmtpd}), run as a private instance under one directory on loopback ports:
 * Postfix receives on SMTP and hands each message to Dovecot over LMTP (the usual pairing); Dovecot keeps it in
 * Maildir and serves IMAP with STARTTLS. Everything else is the packages' defaults: Postfix's fsynced queue, Dovecot's
 * {@code mail_fsync=optimized}. Passwords are Argon2id hashes at Facteur's own cost, so that a LOGIN costs both the same.
 * The machine's own Postfix and Dovecot, if any, are not touched.
 *
 * <p>Needs root: Postfix's master starts its services as the {@code postfix} user, Dovecot stores mail as {@code mail}.
 */
final class PostfixDovecot implements AutoCloseable {
    static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");

    final int smtp = FacteurProcess.freePort();
    final int imap = FacteurProcess.freePort();
    private final int lmtp = FacteurProcess.freePort();
    private final Path dir;

    private PostfixDovecot(Path dir) {
        this.dir = dir;
    }

    /** Why this machine cannot run the peer, or empty when it can. */
    static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the peer needs root (Postfix's master drops to the postfix user); run the benchmark as root";
        }
        for (Path binary : List.of(POSTFIX, DOVECOT, SMTP_SOURCE, Path.of("/usr/lib/dovecot/lmtp"))) {
            if (!Files.isExecutable(binary)) {
                return binary + " is missing: apt-get install postfix dovecot-imapd dovecot-lmtpd";
            }
        }
        return "";
    }

    /** Writes the configuration, starts Dovecot then Postfix, and returns once both greet. */
    static PostfixDovecot start(Path dir, String domain, List<String> users, String password) throws Exception {
        PostfixDovecot peer = new PostfixDovecot(dir);
        peer.configure(domain, users, password);
        run(Duration.ofSeconds(30), DOVECOT.toString(), "-c", peer.dovecotConf().toString());
        run(Duration.ofSeconds(60), POSTFIX.toString(), "-c", peer.dir.resolve("postfix").toString(), "start");
        peer.awaitGreeting(peer.smtp, "220");
        peer.awaitGreeting(peer.imap, "* OK");
        return peer;
    }

    /** The master processes of Postfix and Dovecot: every other process of the peer runs below them. */
    List<Long> masterPids() throws IOException {
        return List.of(pidFrom(dir.resolve("queue/pid/master.pid")), pidFrom(dir.resolve("dovecot/run/master.pid")));
    }

    private void configure(String domain, List<String> users, String password) throws Exception {
        UserPrincipalLookupService accounts = FileSystems.getDefault().getUserPrincipalLookupService();
        // The services run as postfix and mail: they must be able to walk down to their directories.
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("postfix", "queue", "postfix-data", "dovecot/run", "dovecot/state", "mail")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.setOwner(dir.resolve("postfix-data"), accounts.lookupPrincipalByName("postfix"));
        Files.setOwner(dir.resolve("mail"), accounts.lookupPrincipalByName("mail"));
        Files.getFileAttributeView(dir.resolve("mail"), PosixFileAttributeView.class)
                .setGroup(accounts.lookupPrincipalByGroupName("mail"));

        Files.writeString(dir.resolve("postfix/main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("postfix-data"),
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "myhostname = peer." + domain,
                "mydestination =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "virtual_mailbox_domains = " + domain,
                // Unknown recipients are refused at RCPT, as Facteur does.
                "virtual_mailbox_maps = texthash:" + dir.resolve("postfix/mailboxes"),
                "virtual_transport = lmtp:inet:127.0.0.1:" + lmtp,
                "maillog_file_prefixes = " + dir,
                "maillog_file = " + dir.resolve("postfix.log"),
                "syslog_name = postfix-bench",
                ""));
        // Debian's master.cf with the SMTP service moved to this instance's loopback port.
        StringBuilder master = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/etc/postfix/master.cf"))) {
            master.append(line.matches("^smtp\\s+inet\\s.*")
                    ? "127.0.0.1:" + smtp + " inet n - n - - smtpd" : line).append('\n');
        }
        Files.writeString(dir.resolve("postfix/master.cf"), master);
        StringBuilder mailboxes = new StringBuilder();
        StringBuilder passwd = new StringBuilder();
        String hash = "{ARGON2ID}" + argon2id(password);
        for (String user : users) {
            mailboxes.append(user).append(" ok\n");
            passwd.append(user).append(':').append(hash).append('\n');
        }
        Files.writeString(dir.resolve("postfix/mailboxes"), mailboxes);
        Files.writeString(dir.resolve("dovecot/passwd"), passwd);

        run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=peer." + domain, "-keyout", dir.resolve("dovecot/key.pem").toString(),
                "-out", dir.resolve("dovecot/cert.pem").toString());
        Files.writeString(dovecotConf(), String.join("\n",
                "base_dir = " + dir.resolve("dovecot/run"),
                "state_dir = " + dir.resolve("dovecot/state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "protocols = imap lmtp",
                "listen = 127.0.0.1",
                "ssl = required",
                "ssl_cert = <" + dir.resolve("dovecot/cert.pem"),
                "ssl_key = <" + dir.resolve("dovecot/key.pem"),
                "first_valid_uid = 8",
                "mail_uid = mail",
                "mail_gid = mail",
                "mail_location = maildir:" + dir.resolve("mail") + "/%d/%n",
                "auth_mechanisms = plain",
                "passdb {",
                "  driver = passwd-file",
                "  args = " + dir.resolve("dovecot/passwd"),
                "}",
                "userdb {",
                "  driver = static",
                "  args = home=" + dir.resolve("mail") + "/%d/%n",
                "}",
                "service imap-login {",
                "  inet_listener imap {",
                "    port = " + imap,
                "  }",
                "  inet_listener imaps {",
                "    port = 0",
                "  }",
                "}",
                "service lmtp {",
                "  inet_listener lmtp {",
                "    address = 127.0.0.1",
                "    port = " + lmtp,
                "  }",
                "}",
                ""));
    }

    /**
     * An Argon2id hash at Facteur's own cost (19 MiB, 2 passes, 1 lane: {@code PasswordHashing}), so that both servers
     * pay the same for a LOGIN; Dovecot checks any cost written in the hash. {@code doveadm pw}'s default would be
     * 64 MiB and 3 passes.
     */
    static String argon2id(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=19456,t=2,p=1$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private Path dovecotConf() {
        return dir.resolve("dovecot/dovecot.conf");
    }

    private void awaitGreeting(int port, String greeting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                byte[] first = new byte[64];
                int n = socket.getInputStream().read(first);
                if (n > 0 && new String(first, 0, n, StandardCharsets.US_ASCII).startsWith(greeting)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the peer did not greet on port " + port + " within 30 s; see "
                        + dir.resolve("postfix.log") + " and " + dir.resolve("dovecot.log"));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(Duration.ofSeconds(60), POSTFIX.toString(), "-c", dir.resolve("postfix").toString(), "stop");
        } finally {
            run(Duration.ofSeconds(60), "/usr/bin/doveadm", "-c", dovecotConf().toString(), "stop");
        }
    }

    private static long pidFrom(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Runs a command to its end; returns its output, or fails with it. Output goes to a file, not a pipe, because
     * a daemon started by the command may keep the pipe open long after the command ended. */
    static String run(Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile("peer-command", ".out");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + text.strip());
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
