package org.facteur.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.facteur.mailserver.dns.MtaStsPolicy;
import org.junit.jupiter.api.Test;

class PublishedPropertiesTest {
    @Test
    void theDnsRecordsNameThePublishedPortsAndThePolicy() {
        PublishedProperties published = new PublishedProperties(" mail.example.org ",
                new PublishedProperties.Ports(993, 143, 587, 465), new PublishedProperties.MtaSts("Enforce", Duration.ofDays(2)));
        assertThat(published.dnsServer().hostname()).isEqualTo("mail.example.org");
        assertThat(published.dnsServer().imapsPort()).isEqualTo(993);
        assertThat(published.dnsServer().submissionPort()).isEqualTo(587);
        assertThat(published.mtaStsPolicy()).isEqualTo(MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mail.example.org", Duration.ofDays(2)));
        assertThat(published.dnsServer().mtaSts()).isEqualTo(published.mtaStsPolicy());
    }

    @Test
    void aBadMtaStsSettingIsRefusedInOneSentence() {
        assertThatThrownBy(() -> new PublishedProperties.MtaSts("strict", Duration.ofDays(7)))
                .hasMessage("The MTA-STS mode must be testing, enforce or none, not 'strict'.");
        assertThatThrownBy(() -> new PublishedProperties.MtaSts("testing", Duration.ofDays(366)))
                .hasMessageContaining("at most a year");
    }
}
