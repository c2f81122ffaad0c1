package org.facteur.pgp.sop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.WrongPassphraseException;

/** Reads the files named on a SOP command line: certificates, keys, signatures, passwords. */
final class SopInputs {
  private SopInputs() {}

  static byte[] read(String name) throws SopException {
    if (name.startsWith("@")) {
      throw new SopException(SopError.UNSUPPORTED_SPECIAL_PREFIX, "special designators are not supported: " + name);
    }
    try {
      return Files.readAllBytes(Path.of(name));
    } catch (IOException e) {
      throw new SopException(SopError.MISSING_INPUT, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  static List<Certificate> certificates(List<String> files) throws SopException {
    List<Certificate> certificates = new ArrayList<>();
    for (String file : files) {
      try {
        certificates.addAll(Certificate.readAll(read(file)));
      } catch (PgpException e) {
        throw new SopException(SopError.BAD_DATA, file + ": " + e.getMessage(), e);
      }
    }
    return certificates;
  }

  /** Keys, unlocked with any of the passwords given by --with-key-password (files). */
  static List<UnlockedKey> keys(List<String> files, List<String> passwordFiles) throws SopException {
    List<char[]> passwords = new ArrayList<>();
    passwords.add(new char[0]);
    for (String passwordFile : passwordFiles) {
      passwords.add(new String(read(passwordFile), StandardCharsets.UTF_8).stripTrailing().toCharArray());
    }
    List<UnlockedKey> keys = new ArrayList<>();
    for (String file : files) {
      SecretKey key;
      try {
        key = SecretKey.read(read(file));
      } catch (PgpException e) {
        throw new SopException(SopError.BAD_DATA, file + ": " + e.getMessage(), e);
      }
      keys.add(unlock(key, passwords, file));
    }
    return keys;
  }

  private static UnlockedKey unlock(SecretKey key, List<char[]> passwords, String file) throws SopException {
    for (char[] password : passwords) {
      try {
        return key.unlock(password);
      } catch (WrongPassphraseException e) {
        // try the next one
      }
    }
    throw new SopException(SopError.KEY_IS_PROTECTED, file + ": key is protected and no given password unlocks it");
  }
}
