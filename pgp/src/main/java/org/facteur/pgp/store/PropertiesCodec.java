package org.facteur.pgp.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.autocrypt.PeerState;
import org.facteur.pgp.autocrypt.PreferEncrypt;

/** Settings and peer states as small, human-readable properties files. */
final class PropertiesCodec {
  private PropertiesCodec() {}

  static byte[] settings(PgpSettings settings) {
    Properties p = new Properties();
    p.setProperty("encryptIncoming", Boolean.toString(settings.encryptIncoming()));
    p.setProperty("publishInWkd", Boolean.toString(settings.publishInWkd()));
    p.setProperty("autocrypt", Boolean.toString(settings.autocrypt()));
    return store(p, "Facteur OpenPGP settings");
  }

  static PgpSettings settings(byte[] data) {
    Properties p = load(data);
    return new PgpSettings(
        Boolean.parseBoolean(p.getProperty("encryptIncoming")),
        Boolean.parseBoolean(p.getProperty("publishInWkd")),
        Boolean.parseBoolean(p.getProperty("autocrypt")));
  }

  static byte[] peer(PeerState state) {
    Properties p = new Properties();
    p.setProperty("address", state.address());
    p.setProperty("lastSeen", state.lastSeen().toString());
    p.setProperty("autocryptTimestamp", state.autocryptTimestamp().toString());
    p.setProperty("preferEncrypt", state.preferEncrypt().name());
    p.setProperty("keydata", Base64.getEncoder().encodeToString(state.certificate().binary()));
    return store(p, "Autocrypt peer state");
  }

  static PeerState peer(byte[] data) {
    Properties p = load(data);
    return new PeerState(
        p.getProperty("address"),
        Instant.parse(p.getProperty("lastSeen")),
        Instant.parse(p.getProperty("autocryptTimestamp")),
        Certificate.read(Base64.getDecoder().decode(p.getProperty("keydata"))),
        PreferEncrypt.valueOf(p.getProperty("preferEncrypt")));
  }

  private static byte[] store(Properties p, String comment) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p.store(out, comment);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties load(byte[] data) {
    try {
      Properties p = new Properties();
      p.load(new StringReader(new String(data, StandardCharsets.ISO_8859_1)));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
