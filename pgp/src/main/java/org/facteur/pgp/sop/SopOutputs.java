package org.facteur.pgp.sop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Indirect outputs (--verifications-out, --micalg-out): must not exist yet. */
final class SopOutputs {
  private SopOutputs() {}

  static void writeNew(String name, String content) throws SopException {
    try {
      Files.writeString(Path.of(name), content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new SopException(SopError.OUTPUT_EXISTS, "output file exists: " + name, e);
    } catch (IOException e) {
      throw new SopException(SopError.MISSING_INPUT, "cannot write " + name + ": " + e.getMessage(), e);
    }
  }

  static void checkAbsent(String name) throws SopException {
    if (Files.exists(Path.of(name))) {
      throw new SopException(SopError.OUTPUT_EXISTS, "output file exists: " + name);
    }
  }
}
