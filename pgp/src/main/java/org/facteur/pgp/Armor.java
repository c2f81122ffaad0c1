package org.facteur.pgp;

import java.util.Base64;
import org.bouncycastle.bcpg.CRC24;

/** Hand-written ASCII armor for the one case BC cannot label: a lone signature as a key block. */
final class Armor {
  private Armor() {}

  static String publicKeyBlock(byte[] packets, String comment) {
    StringBuilder out = new StringBuilder("-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
    out.append("Comment: ").append(comment).append("\n\n");
    out.append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(packets)).append('\n');
    out.append('=').append(Base64.getEncoder().encodeToString(crc24(packets))).append('\n');
    out.append("-----END PGP PUBLIC KEY BLOCK-----\n");
    return out.toString();
  }

  private static byte[] crc24(byte[] data) {
    CRC24 crc = new CRC24();
    for (byte b : data) {
      crc.update(b & 0xff);
    }
    int value = crc.getValue();
    return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
  }
}
