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
}
