package org.facteur.mailserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Debian's GnuPG (/usr/bin/gpg) in a throw-away home, batch mode, loopback passphrase: the outside judge. */
public final class Gpg implements AutoCloseable {
    private final Path home;

    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out() + "\nstderr:\n" + stderr;
        }
    }

    public Gpg() throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/gpg"))) {
            throw new IllegalStateException("gpg not installed (Debian package gnupg)");
        }
        home = Files.createTempDirectory("gpg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    /** gpg with the arguments; {@code passphrase} may be null. */
    public Result run(byte[] stdin, String passphrase, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--yes", "--trust-model", "always", "--status-fd", "2"));
        if (passphrase != null) {
            command.addAll(List.of("--pinentry-mode", "loopback", "--passphrase", passphrase));
        }
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("GNUPGHOME", home.toString());
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // gpg may exit before reading its input; the exit code tells
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("gpg timed out: " + command);
            }
            return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        }
    }

    /** The armored PGP MESSAGE block inside a stored PGP/MIME message, for {@code --decrypt}. */
    public static byte[] armoredBlock(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN PGP MESSAGE-----");
        String end = "-----END PGP MESSAGE-----";
        if (begin < 0) {
            throw new AssertionError("no armored PGP MESSAGE in:\n" + text);
        }
        return text.substring(begin, text.indexOf(end, begin) + end.length()).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("/usr/bin/gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
