package org.facteur.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {
    @Test
    void thePolicyIsRfc8461KeyValueLinesEndingInCrlf() {
        MtaStsPolicy policy = MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "Mail.Example.ORG.", Duration.ofDays(7));
        assertThat(policy.text()).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: mail.example.org\r\nmax_age: 604800\r\n");
        assertThat(policy.text().lines()).containsExactly("version: STSv1", "mode: testing", "mx: mail.example.org",
                "max_age: 604800");
    }

    @Test
    void theIdIsAlphanumericAndChangesWithThePolicyOnly() {
        MtaStsPolicy testing = MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", Duration.ofDays(7));
        assertThat(testing.id()).matches("[a-zA-Z0-9]{1,32}");
        assertThat(testing.txtRecord()).isEqualTo("v=STSv1; id=" + testing.id());
        assertThat(MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", Duration.ofDays(7)).id()).isEqualTo(testing.id());
        assertThat(List.of(
                MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mail.example.org", Duration.ofDays(7)).id(),
                MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mx.example.org", Duration.ofDays(7)).id(),
                MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", Duration.ofDays(8)).id()))
                .doesNotContain(testing.id()).doesNotHaveDuplicates();
    }

    @Test
    void aBadModeOrMaxAgeIsRefusedInOneSentence() {
        assertThat(MtaStsPolicy.Mode.parse(" Enforce ")).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThatThrownBy(() -> MtaStsPolicy.Mode.parse("strict"))
                .hasMessage("The MTA-STS mode must be testing, enforce or none, not 'strict'.");
        assertThatThrownBy(() -> MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", Duration.ofDays(400)))
                .hasMessageContaining("at most a year");
        assertThatThrownBy(() -> MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", Duration.ZERO))
                .hasMessageContaining("more than 0");
    }

    @Test
    void aFetchedPolicyIsReadWithCrlfOrLfUnknownKeysIgnoredAndMaxAgeBounded() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.net\r\nmx: *.example.org\r\n"
                + "max_age: 86400\r\nextension: whatever\r\n");
        assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(p.mx()).containsExactly("mail.example.net", "*.example.org");
        assertThat(p.maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 99999999999\n").maxAge())
                .isEqualTo(MtaStsPolicy.LONGEST_MAX_AGE);
        assertThat(MtaStsPolicy.parse("version:STSv1\nmode:none\nmx:a.example\nmax_age:0").maxAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(MtaStsPolicy.parse(p.text())).isEqualTo(p);
    }

    @Test
    void aPolicyWithoutVersionValidModeMxOrMaxAgeIsRefused() {
        for (String bad : List.of("mode: enforce\nmx: a.example\nmax_age: 10",
                "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 10",
                "version: STSv1\nmode: strict\nmx: a.example\nmax_age: 10",
                "version: STSv1\nmode: enforce\nmax_age: 10",
                "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -5",
                "version: STSv1\nmode: enforce\nmx: a.example", "<html>not a policy</html>")) {
            assertThatThrownBy(() -> MtaStsPolicy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void mxPatternsMatchTheSameNameOrOneMoreLabelInFrontOfAWildcard() {
        MtaStsPolicy p = new MtaStsPolicy(MtaStsPolicy.Mode.ENFORCE, List.of("mail.example.net", "*.example.org"), Duration.ofDays(1));
        assertThat(p.allows("mail.example.net")).isTrue();
        assertThat(p.allows("MAIL.Example.NET.")).isTrue();
        assertThat(p.allows("mx1.example.org")).isTrue();
        assertThat(p.allows("mx1.example.org.")).isTrue();
        assertThat(p.allows("example.org")).as("the wildcard needs a label").isFalse();
        assertThat(p.allows("a.b.example.org")).as("one label only").isFalse();
        assertThat(p.allows("other.example.net")).isFalse();
        assertThat(p.allows("mail.example.net.evil.test")).isFalse();
        assertThat(p.allows("xmail.example.net")).isFalse();
    }
}
