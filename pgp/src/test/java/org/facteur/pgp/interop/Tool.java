package org.facteur.pgp.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external OpenPGP program (gpg, sqop) with stdin bytes; captures everything. */
final class Tool {
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out() + "\nstderr:\n" + stderr;
    }
  }

  private Tool() {}

  static boolean installed(String program) {
    return Files.isExecutable(Path.of("/usr/bin", program));
  }

  static Result run(List<String> command, byte[] stdin, Map<String, String> env) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process process = builder.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (var in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException ignored) {
        // the tool may exit before reading its input; its exit code tells the story
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
