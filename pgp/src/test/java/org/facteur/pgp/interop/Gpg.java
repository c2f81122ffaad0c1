package org.facteur.pgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** GnuPG 2.2 in a throw-away home directory, batch mode, loopback passphrase, status on stdout. */
final class Gpg implements AutoCloseable {
  /** The same passphrase as Facteur's test keys, so gpg can use both its own keys and ours. */
  static final String PASSPHRASE = new String(org.facteur.pgp.TestKeys.PASSPHRASE);
  private final Path home;

  Gpg() throws IOException {
    home = Files.createTempDirectory("gpg");
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  /** gpg with the given arguments; the passphrase is passed loopback. */
  Tool.Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(
        "/usr/bin/gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--yes",
        "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "--trust-model", "always", "--status-fd", "2"));
    command.addAll(List.of(args));
    return Tool.run(command, stdin, Map.of("GNUPGHOME", home.toString()));
  }

  /** Runs another gpgme-based program (mu) against this home. */
  Tool.Result runWithHome(byte[] stdin, String... command) {
    return Tool.run(List.of(command), stdin, Map.of("GNUPGHOME", home.toString(), "HOME", home.toString()));
  }

  Path file(String name, byte[] content) throws IOException {
    return Files.write(home.resolve(name), content);
  }

  @Override
  public void close() throws IOException {
    Tool.run(List.of("/usr/bin/gpgconf", "--kill", "gpg-agent"), new byte[0], Map.of("GNUPGHOME", home.toString()));
    try (var paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
