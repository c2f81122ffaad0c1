package org.facteur.pgp.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {

  @Test
  void escapesFromAtLineStartTrailingSpaceAndNonAscii() {
    String encoded = encode("From me\nNot From here \nGrüße=\n");
    assertThat(encoded).isEqualTo("=46rom me\r\nNot From here=20\r\nGr=C3=BC=C3=9Fe=3D\r\n");
  }

  @Test
  void keepsLinesAt76CharactersWithoutSplittingEscapes() throws Exception {
    String text = "é".repeat(60) + "\n" + "x".repeat(200) + " \n" + "y".repeat(76);
    String encoded = encode(text);
    assertThat(encoded.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    assertThat(encoded.split("\r\n")).noneMatch(line -> line.matches(".*=[0-9A-F]?$") && !line.endsWith("="));
    assertThat(decode(encoded)).isEqualTo(text.replace("\n", "\r\n"));
  }

  @Test
  void roundTripsArbitraryBytesThroughJakartaMailsDecoder() throws Exception {
    byte[] data = new byte[4096];
    new java.util.Random(42).nextBytes(data);
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\r' || data[i] == '\n') {
        data[i] = 'n';
      }
    }
    byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(QuotedPrintable.encode(data)), "quoted-printable").readAllBytes();
    assertThat(Arrays.equals(decoded, data)).isTrue();
  }

  private static String encode(String text) {
    return new String(QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
  }

  private static String decode(String encoded) throws Exception {
    return new String(MimeUtility.decode(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)), "quoted-printable")
        .readAllBytes(), StandardCharsets.UTF_8);
  }
}
