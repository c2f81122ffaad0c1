package org.facteur.mailserver.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fills a peer's Maildir the way a migration or a restore does: one file per message in {@code cur/} (LF line ends,
 * Dovecot's {@code S=} and {@code W=} sizes in the name, owned by the Maildir's owner and group so that the peer's
 * mail user reads them), then lets {@code doveadm index} build the peer's indexes. Used by {@link SearchBenchmark}
 * where filling a peer by APPEND would take hours (Dovecot's APPEND into one Maildir fell to 30/s at 51,000 messages).
 */
final class PeerMaildir {
    private PeerMaildir() {
    }

    static void write(Path maildir, List<byte[]> corpus) throws IOException {
        PosixFileAttributes owner = Files.readAttributes(maildir, PosixFileAttributes.class);
        for (String sub : List.of("cur", "new", "tmp")) {
            Path dir = Files.createDirectories(maildir.resolve(sub));
            owned(dir, owner);
        }
        long now = System.currentTimeMillis() / 1000;
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < corpus.size(); i++) {
            byte[] crlf = corpus.get(i);
            byte[] lf = withoutCarriageReturns(crlf);
            String name = (now + i) + ".M" + i + "P" + pid + ".facteur-bench,S=" + lf.length + ",W=" + crlf.length + ":2,";
            owned(Files.write(maildir.resolve("cur").resolve(name), lf), owner);
        }
    }

    /** Runs {@code doveadm -c CONFIG index -u USER INBOX}; fails with doveadm's own words if it fails. */
    static void index(Path dovecotConfig, String user) throws IOException, InterruptedException {
        Process doveadm = new ProcessBuilder("doveadm", "-c", dovecotConfig.toString(), "index", "-u", user, "INBOX")
                .redirectErrorStream(true).start();
        String output = new String(doveadm.getInputStream().readAllBytes());
        if (!doveadm.waitFor(2, TimeUnit.HOURS) || doveadm.exitValue() != 0) {
            throw new IOException("doveadm index failed: " + output);
        }
    }

    private static Path owned(Path file, PosixFileAttributes owner) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (!view.readAttributes().owner().equals(owner.owner())) {
            view.setOwner(owner.owner());
            view.setGroup(owner.group());
        }
        return file;
    }

    private static byte[] withoutCarriageReturns(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        for (int i = 0; i < message.length; i++) {
            if (message[i] != '\r' || i + 1 >= message.length || message[i + 1] != '\n') {
                out.write(message[i]);
            }
        }
        return out.toByteArray();
    }
}
