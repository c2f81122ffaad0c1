package org.facteur.pgp.autocrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.mime.TestMessages;
import org.junit.jupiter.api.Test;

class AutocryptTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void headerValueIsFoldedParsesBackAndCarriesTheMinimalCertificate() {
    AutocryptHeader header = AutocryptHeader.forKey(cert(ALICE), "Alice@Example.org", PreferEncrypt.MUTUAL);
    String value = header.value();
    assertThat(value).startsWith("addr=alice@example.org; prefer-encrypt=mutual; keydata=\r\n ");
    assertThat(value.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));

    Optional<AutocryptHeader> parsed = AutocryptHeaderParser.parse(value);
    assertThat(parsed).contains(header);
    assertThat(parsed.get().certificate().fingerprint()).isEqualTo(cert(ALICE).fingerprint());
    assertThat(parsed.get().certificate().userIds()).containsExactly("Alice <alice@example.org>");
  }

  @Test
  void parserIgnoresNonCriticalAttributesButRejectsUnknownCriticalOnesAndBadKeys() {
    String keydata = Base64.getEncoder().encodeToString(cert(ALICE).minimalFor("alice@example.org").binary());
    assertThat(AutocryptHeaderParser.parse("addr=alice@example.org; _extra=1; keydata=" + keydata))
        .hasValueSatisfying(h -> assertThat(h.preferEncrypt()).isEqualTo(PreferEncrypt.NOPREFERENCE));
    assertThat(AutocryptHeaderParser.parse("addr=alice@example.org; critical=1; keydata=" + keydata)).isEmpty();
    assertThat(AutocryptHeaderParser.parse("addr=alice@example.org")).isEmpty();
    assertThat(AutocryptHeaderParser.parse("addr=alice@example.org; keydata=AAAA")).isEmpty();
    assertThat(AutocryptHeaderParser.parse("addr=a@example.org; addr=b@example.org; keydata=" + keydata)).isEmpty();
  }

  @Test
  void multipleHeadersForTheSenderAreIgnoredAndOthersAddressesToo() throws Exception {
    MimeMessage message = fromAlice(NOW.minus(Duration.ofHours(1)));
    message.addHeader("Autocrypt", header(ALICE, "alice@example.org"));
    assertThat(IncomingMessage.of(message, CLOCK).header()).isPresent();
    message.addHeader("Autocrypt", header(ALICE, "alice@example.org"));
    assertThat(IncomingMessage.of(message, CLOCK).header()).isEmpty();

    MimeMessage spoof = fromAlice(NOW);
    spoof.addHeader("Autocrypt", header(BOB, "bob@example.org"));
    assertThat(IncomingMessage.of(spoof, CLOCK).header()).isEmpty();
  }

  @Test
  void stateIsUpdatedOnlyByNewerMessagesAndNeverFromListsOrReports() throws Exception {
    Instant t1 = NOW.minus(Duration.ofDays(10));
    Optional<PeerState> state = PeerStateUpdate.apply(Optional.empty(), incoming(t1, true, false, false));
    assertThat(state).hasValueSatisfying(s -> {
      assertThat(s.autocryptTimestamp()).isEqualTo(t1);
      assertThat(s.lastSeen()).isEqualTo(t1);
      assertThat(s.preferEncrypt()).isEqualTo(PreferEncrypt.MUTUAL);
    });

    Optional<PeerState> older = PeerStateUpdate.apply(state, incoming(t1.minus(Duration.ofDays(1)), true, false, false));
    assertThat(older).isEqualTo(state);
    assertThat(PeerStateUpdate.apply(state, incoming(NOW, true, true, false))).as("mailing list").isEqualTo(state);
    assertThat(PeerStateUpdate.apply(state, incoming(NOW, true, false, true))).as("delivery report").isEqualTo(state);

    Optional<PeerState> withoutHeader = PeerStateUpdate.apply(state, incoming(NOW, false, false, false));
    assertThat(withoutHeader).hasValueSatisfying(s -> {
      assertThat(s.lastSeen()).isEqualTo(NOW);
      assertThat(s.autocryptTimestamp()).isEqualTo(t1);
    });
    assertThat(PeerStateUpdate.apply(Optional.empty(), incoming(NOW, false, false, false))).isEmpty();
  }

  @Test
  void futureDatesCountAsNow() throws Exception {
    IncomingMessage incoming = IncomingMessage.of(fromAlice(NOW.plus(Duration.ofDays(3))), CLOCK);
    assertThat(incoming.effectiveDate()).isEqualTo(NOW);
  }

  @Test
  void recommendationFollowsLevel1() {
    PeerState mutual = new PeerState("bob@example.org", NOW, NOW, cert(BOB), PreferEncrypt.MUTUAL);
    PeerState noPreference = new PeerState("bob@example.org", NOW, NOW, cert(BOB), PreferEncrypt.NOPREFERENCE);
    PeerState stale = new PeerState("bob@example.org", NOW, NOW.minus(Duration.ofDays(36)), cert(BOB), PreferEncrypt.MUTUAL);

    assertThat(Recommender.recommend(PreferEncrypt.MUTUAL, Map.of("b", Optional.of(mutual)))).isEqualTo(Recommendation.ENCRYPT);
    assertThat(Recommender.recommend(PreferEncrypt.NOPREFERENCE, Map.of("b", Optional.of(mutual)))).isEqualTo(Recommendation.AVAILABLE);
    assertThat(Recommender.recommend(PreferEncrypt.MUTUAL, Map.of("b", Optional.of(noPreference)))).isEqualTo(Recommendation.AVAILABLE);
    assertThat(Recommender.recommend(PreferEncrypt.MUTUAL, Map.of("b", Optional.of(stale)))).isEqualTo(Recommendation.DISCOURAGE);
    Map<String, Optional<PeerState>> mixed = new LinkedHashMap<>();
    mixed.put("b", Optional.of(mutual));
    mixed.put("c", Optional.empty());
    assertThat(Recommender.recommend(PreferEncrypt.MUTUAL, mixed)).isEqualTo(Recommendation.DISABLE);
    PeerState revoked = new PeerState("a", NOW, NOW, cert(ALICE).withRevocation(ALICE.revocation()), PreferEncrypt.MUTUAL);
    assertThat(Recommender.recommend(PreferEncrypt.MUTUAL, Map.of("a", Optional.of(revoked)))).isEqualTo(Recommendation.DISABLE);
  }

  @Test
  void setupMessageRoundTripsWithTheCodeAndRefusesAWrongOne() throws Exception {
    SetupMessage setup = new SetupMessage(new OpenPgp());
    SetupMessage.Created created = setup.create(unlocked(ALICE), "alice@example.org", PreferEncrypt.MUTUAL);
    assertThat(created.code().formatted()).matches("(\\d{4}-){8}\\d{4}");
    MimeMessage sent = new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(TestMessages.bytes(created.message())));
    assertThat(sent.getHeader("Autocrypt-Setup-Message")).containsExactly("v1");
    String raw = new String(TestMessages.bytes(sent), java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(raw).contains("application/autocrypt-setup").contains("Passphrase-Format: numeric9x4")
        .contains("Passphrase-Begin: " + created.code().begin()).doesNotContain("PRIVATE KEY");

    assertThat(setup.importKey(sent, created.code().digits()).fingerprint()).isEqualTo(cert(ALICE).fingerprint());
    String wrong = created.code().digits().startsWith("0") ? "1" + created.code().digits().substring(1) : "0" + created.code().digits().substring(1);
    assertThatThrownBy(() -> setup.importKey(sent, wrong)).isInstanceOf(PgpException.class);
  }

  private static String header(org.facteur.pgp.GeneratedKey key, String address) {
    return AutocryptHeader.forKey(key.secretKey().certificate(), address, PreferEncrypt.MUTUAL).value();
  }

  private static MimeMessage fromAlice(Instant date) throws Exception {
    MimeMessage message = TestMessages.plainText("hi");
    message.setFrom(new InternetAddress("Alice <Alice@Example.org>"));
    message.setSentDate(Date.from(date));
    return message;
  }

  private static IncomingMessage incoming(Instant date, boolean withHeader, boolean list, boolean report) throws Exception {
    MimeMessage message = fromAlice(date);
    if (withHeader) {
      message.addHeader("Autocrypt", header(ALICE, "alice@example.org"));
    }
    if (list) {
      message.addHeader("List-Id", "<friends.example.org>");
    }
    IncomingMessage parsed = IncomingMessage.of(message, CLOCK);
    return report ? new IncomingMessage(parsed.from(), parsed.effectiveDate(), parsed.header(), parsed.fromMailingList(), true) : parsed;
  }
}
