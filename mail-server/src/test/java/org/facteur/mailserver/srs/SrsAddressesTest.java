package org.facteur.mailserver.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SrsAddressesTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static SrsAddresses at(Instant when) {
        return new SrsAddresses(SECRET, Clock.fixed(when, ZoneOffset.UTC));
    }

    private static String local(String address) {
        return address.substring(0, address.lastIndexOf('@'));
    }

    @Test
    void aForwardedSenderBecomesSrs0InOurDomainAndComesBack() {
        String srs = at(NOW).forward("ceo", "bank.test", "example.org").orElseThrow();
        assertThat(srs).matches("SRS0=[A-Z2-7]{8}=[A-Z2-7]{2}=bank\\.test=ceo@example\\.org");
        assertThat(at(NOW).reverse(local(srs))).contains("ceo@bank.test");
        assertThat(at(NOW).reverse(local(srs).toLowerCase())).as("case changed on the way").contains("ceo@bank.test");
        assertThat(at(NOW).reverse(local(srs.replace("=ceo@", "=cfo@")))).as("altered local part").isEmpty();
        assertThat(at(NOW).reverse(local(srs.replace("bank.test", "evil.test")))).as("altered domain").isEmpty();
    }

    @Test
    void anotherSecretDoesNotVerify() {
        String srs = at(NOW).forward("ceo", "bank.test", "example.org").orElseThrow();
        SrsAddresses other = new SrsAddresses("another-secret-of-32-characters!".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(other.reverse(local(srs))).isEmpty();
    }

    @Test
    void anSrs0AddressExpiresAfterTwentyOneDays() {
        String srs = at(NOW).forward("ceo", "bank.test", "example.org").orElseThrow();
        assertThat(at(NOW.plus(Duration.ofDays(21))).reverse(local(srs))).isPresent();
        assertThat(at(NOW.plus(Duration.ofDays(22))).reverse(local(srs))).isEmpty();
        assertThat(at(NOW.minus(Duration.ofDays(1))).reverse(local(srs))).as("from the future").isEmpty();
    }

    @Test
    void forwardingAnotherForwardersSrs0GivesSrs1ThatUnwindsToIt() {
        String theirs = "SRS0=HHHH=TT=bank.test=ceo";
        String srs1 = at(NOW).forward(theirs, "fwd.test", "example.org").orElseThrow();
        assertThat(srs1).matches("SRS1=[A-Z2-7]{8}=fwd\\.test==HHHH=TT=bank\\.test=ceo@example\\.org");
        assertThat(at(NOW).reverse(local(srs1))).contains("SRS0=HHHH=TT=bank.test=ceo@fwd.test");
        // forwarded again: still SRS1 pointing at the first forwarder, not a longer address
        String again = at(NOW).forward(local(srs1), "example.org", "other.test").orElseThrow();
        assertThat(again).matches("SRS1=[A-Z2-7]{8}=fwd\\.test==HHHH=TT=bank\\.test=ceo@other\\.test");
        assertThat(at(NOW).reverse(local(srs1).replace("fwd.test", "evil.test"))).isEmpty();
    }

    @Test
    void aLocalPartWithSeparatorsSurvivesTheRoundTrip() {
        String srs = at(NOW).forward("first=last+tag", "bank.test", "example.org").orElseThrow();
        assertThat(at(NOW).reverse(local(srs))).contains("first=last+tag@bank.test");
    }

    @Test
    void whatCannotBeWrittenIsLeftAloneAndGarbageIsNotSrs() {
        assertThat(at(NOW).forward("\"john doe\"", "bank.test", "example.org")).isEmpty();
        assertThat(SrsAddresses.isSrs("srs0=x")).isTrue();
        assertThat(SrsAddresses.isSrs("alice")).isFalse();
        assertThat(at(NOW).reverse("SRS0=")).isEmpty();
        assertThat(at(NOW).reverse("SRS0=AAAAAAAA=ZZ=bank.test=")).isEmpty();
        assertThat(at(NOW).reverse("SRS1=AAAAAAAA=fwd.test=x")).isEmpty();
        assertThat(at(NOW).reverse("alice")).isEmpty();
    }
}
