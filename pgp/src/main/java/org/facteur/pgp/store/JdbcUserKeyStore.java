package org.facteur.pgp.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.RevocationCertificate;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.autocrypt.PeerState;

/**
 * {@link UserKeyStore} in a database (SQLite or PostgreSQL, table {@code pgp_item} of {@link UserKeyStoreSchema}), so
 * that several nodes sharing it serve the same keys: one row per item a {@link FileUserKeyStore} would keep in a file,
 * with the same content. A key and its revocation certificate are saved in one transaction.
 */
public final class JdbcUserKeyStore implements UserKeyStore {
  // items are named as FileUserKeyStore names its files
  private static final String PUBLIC = FileUserKeyStore.PUBLIC;
  private static final String SECRET = FileUserKeyStore.SECRET;
  private static final String REVOCATION = FileUserKeyStore.REVOCATION;
  private static final String SETTINGS = FileUserKeyStore.SETTINGS;
  private static final String PEERS = FileUserKeyStore.PEERS + "/";

  private final DataSource dataSource;

  public JdbcUserKeyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void saveKey(String address, SecretKey secretKey, RevocationCertificate revocation) {
    if (!secretKey.isProtected()) {
      throw new IllegalArgumentException("refusing to store an unprotected secret key for " + address);
    }
    put(Addresses.normalize(address), Map.of(REVOCATION, ascii(revocation.armored()),
        PUBLIC, ascii(secretKey.certificate().armored()), SECRET, ascii(secretKey.armored())));
  }

  @Override
  public void saveCertificate(String address, Certificate certificate) {
    put(Addresses.normalize(address), Map.of(PUBLIC, ascii(certificate.armored())));
  }

  @Override
  public Optional<SecretKey> secretKey(String address) {
    return get(address, SECRET).map(SecretKey::read);
  }

  @Override
  public Optional<Certificate> certificate(String address) {
    return get(address, PUBLIC).map(Certificate::read);
  }

  @Override
  public Optional<RevocationCertificate> revocation(String address) {
    return get(address, REVOCATION).map(RevocationCertificate::read);
  }

  @Override
  public PgpSettings settings(String address) {
    return get(address, SETTINGS).map(PropertiesCodec::settings).orElse(PgpSettings.DISABLED);
  }

  @Override
  public void saveSettings(String address, PgpSettings settings) {
    put(Addresses.normalize(address), Map.of(SETTINGS, PropertiesCodec.settings(settings)));
  }

  @Override
  public Optional<PeerState> peer(String user, String peerAddress) {
    return get(user, peerItem(peerAddress)).map(PropertiesCodec::peer);
  }

  @Override
  public void savePeer(String user, PeerState state) {
    put(Addresses.normalize(user), Map.of(peerItem(state.address()), PropertiesCodec.peer(state)));
  }

  @Override
  public List<PeerState> peers(String user) {
    String address = Addresses.normalize(user);
    return query("SELECT content FROM pgp_item WHERE address = ? AND item LIKE 'peers/%' ORDER BY item",
        rs -> PropertiesCodec.peer(rs.getBytes(1)), address);
  }

  @Override
  public List<String> users() {
    return query("SELECT DISTINCT address FROM pgp_item ORDER BY address", rs -> rs.getString(1));
  }

  @Override
  public boolean delete(String address) {
    String a = Addresses.normalize(address);
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM pgp_item WHERE address = ?")) {
      ps.setString(1, a);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete the OpenPGP material of " + a, e);
    }
  }

  private Optional<byte[]> get(String address, String item) {
    String a = Addresses.normalize(address);
    return query("SELECT content FROM pgp_item WHERE address = ? AND item = ?", rs -> rs.getBytes(1), a, item)
        .stream().findFirst();
  }

  /**
   * Writes the items in one transaction, each an upsert ({@code ON CONFLICT}, both engines): two nodes or two spool
   * threads writing the same item at once both succeed, the last one's content stays.
   */
  private void put(String address, Map<String, byte[]> items) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO pgp_item (address, item, content) VALUES (?, ?, ?)"
          + " ON CONFLICT (address, item) DO UPDATE SET content = excluded.content")) {
        for (var e : items.entrySet()) {
          upsert.setString(1, address);
          upsert.setString(2, e.getKey());
          upsert.setBytes(3, e.getValue());
          upsert.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save the OpenPGP material of " + address, e);
    }
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, String... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read OpenPGP material", e);
    }
  }

  private static String peerItem(String peerAddress) {
    return PEERS + URLEncoder.encode(Addresses.normalize(peerAddress), StandardCharsets.UTF_8) + ".properties";
  }

  private static byte[] ascii(String armored) {
    return armored.getBytes(StandardCharsets.US_ASCII);
  }
}
