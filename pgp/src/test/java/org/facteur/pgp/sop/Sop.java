package org.facteur.pgp.sop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs Facteur's SOP CLI in-process, like a shell would. */
public final class Sop {
  public record Run(int exit, byte[] stdout, String stderr) {}

  private final Path dir;

  public Sop(Path dir) {
    this.dir = dir;
  }

  public Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new SopCli().run(List.of(args), new ByteArrayInputStream(stdin), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  public String file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content).toString();
  }

  public String path(String name) {
    return dir.resolve(name).toString();
  }
}
