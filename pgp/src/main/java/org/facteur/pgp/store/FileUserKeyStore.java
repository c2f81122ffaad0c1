package org.facteur.pgp.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.RevocationCertificate;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.autocrypt.PeerState;

/**
 * {@link UserKeyStore} in {@code <data>/pgp/<lower-cased address>/}: {@code public.asc},
 * {@code secret.asc} (passphrase-protected), {@code revocation.asc}, {@code settings.properties}
 * and {@code peers/<address>.properties}. Every write is atomic.
 */
public final class FileUserKeyStore implements UserKeyStore {
  static final String PUBLIC = "public.asc";
  static final String SECRET = "secret.asc";
  static final String REVOCATION = "revocation.asc";
  static final String SETTINGS = "settings.properties";
  static final String PEERS = "peers";

  private final Path root;

  /** @param root the directory that holds the keys (Facteur's data directory names it: {@code <data>/pgp}) */
  public FileUserKeyStore(Path root) {
    this.root = root;
  }

  @Override
  public void saveKey(String address, SecretKey secretKey, RevocationCertificate revocation) {
    if (!secretKey.isProtected()) {
      throw new IllegalArgumentException("refusing to store an unprotected secret key for " + address);
    }
    Path dir = userDir(address);
    AtomicFiles.write(dir.resolve(REVOCATION), ascii(revocation.armored()));
    AtomicFiles.write(dir.resolve(PUBLIC), ascii(secretKey.certificate().armored()));
    AtomicFiles.write(dir.resolve(SECRET), ascii(secretKey.armored()));
  }

  @Override
  public void saveCertificate(String address, Certificate certificate) {
    AtomicFiles.write(userDir(address).resolve(PUBLIC), ascii(certificate.armored()));
  }

  @Override
  public Optional<SecretKey> secretKey(String address) {
    return AtomicFiles.read(userDir(address).resolve(SECRET)).map(SecretKey::read);
  }

  @Override
  public Optional<Certificate> certificate(String address) {
    return AtomicFiles.read(userDir(address).resolve(PUBLIC)).map(Certificate::read);
  }

  @Override
  public Optional<RevocationCertificate> revocation(String address) {
    return AtomicFiles.read(userDir(address).resolve(REVOCATION)).map(RevocationCertificate::read);
  }

  @Override
  public PgpSettings settings(String address) {
    return AtomicFiles.read(userDir(address).resolve(SETTINGS)).map(PropertiesCodec::settings).orElse(PgpSettings.DISABLED);
  }

  @Override
  public void saveSettings(String address, PgpSettings settings) {
    AtomicFiles.write(userDir(address).resolve(SETTINGS), PropertiesCodec.settings(settings));
  }

  @Override
  public Optional<PeerState> peer(String user, String peerAddress) {
    return AtomicFiles.read(peerFile(user, peerAddress)).map(PropertiesCodec::peer);
  }

  @Override
  public void savePeer(String user, PeerState state) {
    AtomicFiles.write(peerFile(user, state.address()), PropertiesCodec.peer(state));
  }

  @Override
  public List<PeerState> peers(String user) {
    Path dir = userDir(user).resolve(PEERS);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted()
          .map(f -> AtomicFiles.read(f).map(PropertiesCodec::peer).orElseThrow())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  @Override
  public List<String> users() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  @Override
  public boolean delete(String address) {
    Path dir = userDir(address);
    if (!Files.exists(dir)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private Path userDir(String address) {
    return root.resolve(Addresses.normalize(address));
  }

  private Path peerFile(String user, String peerAddress) {
    String name = URLEncoder.encode(Addresses.normalize(peerAddress), StandardCharsets.UTF_8);
    return userDir(user).resolve(PEERS).resolve(name + ".properties");
  }

  private static byte[] ascii(String armored) {
    return armored.getBytes(StandardCharsets.US_ASCII);
  }
}
