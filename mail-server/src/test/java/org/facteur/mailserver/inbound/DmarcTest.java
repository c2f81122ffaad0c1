package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.TxtLookup;
import org.junit.jupiter.api.Test;

class DmarcTest {
    private static final Map<String, String> RECORDS = Map.of(
            "_dmarc.bank.test", "v=DMARC1; p=reject; sp=quarantine",
            "_dmarc.strict.test", "v=DMARC1; p=reject; adkim=s; aspf=s",
            "_dmarc.sample.test", "v=DMARC1; p=reject; pct=10",
            "_dmarc.co.uk", "v=DMARC1; p=reject");
    private static final TxtLookup DNS = name -> RECORDS.containsKey(name)
            ? new TxtLookup.Found(List.of("some other text", RECORDS.get(name))) : new TxtLookup.NotFound();
    private final Dmarc dmarc = new Dmarc(DNS, () -> 50);

    private static DkimVerifier.Result dkim(String result, String domain) {
        return new DkimVerifier.Result(result, domain, "s", "rsa-sha256", "");
    }

    @Test
    void passesWhenSpfOrDkimPassesForAnAlignedDomain() {
        assertThat(dmarc.evaluate("bank.test", "pass", "bounces.bank.test", List.of()).result()).isEqualTo("pass");
        assertThat(dmarc.evaluate("bank.test", "fail", "evil.test", List.of(dkim("pass", "mail.bank.test"))).result()).isEqualTo("pass");
        Dmarc.Evaluation e = dmarc.evaluate("bank.test", "pass", "evil.test", List.of(dkim("pass", "evil.test"), dkim("fail", "bank.test")));
        assertThat(e.result()).isEqualTo("fail");
        assertThat(e.applied()).isEqualTo(Dmarc.Policy.REJECT);
    }

    @Test
    void strictAlignmentWantsTheSameDomain() {
        assertThat(dmarc.evaluate("strict.test", "pass", "bounces.strict.test", List.of()).result()).isEqualTo("fail");
        assertThat(dmarc.evaluate("strict.test", "fail", "x.test", List.of(dkim("pass", "mail.strict.test"))).result()).isEqualTo("fail");
        assertThat(dmarc.evaluate("strict.test", "pass", "strict.test", List.of()).result()).isEqualTo("pass");
    }

    @Test
    void aSubdomainWithoutItsOwnRecordGetsTheOrganizationalDomainsSubdomainPolicy() {
        Dmarc.Evaluation e = dmarc.evaluate("news.bank.test", "fail", "x.test", List.of());
        assertThat(e.published()).isEqualTo(Dmarc.Policy.QUARANTINE);
        assertThat(e.applied()).isEqualTo(Dmarc.Policy.QUARANTINE);
    }

    @Test
    void theOrganizationalDomainComesFromThePublicSuffixList() {
        // co.uk is a public suffix: example.co.uk is its own organization, and co.uk's record is not looked up
        assertThat(dmarc.evaluate("mail.example.co.uk", "fail", "x.test", List.of()).result()).isEqualTo("none");
        assertThat(OrganizationalDomain.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("mail.bank.test")).isEqualTo("bank.test");
        assertThat(OrganizationalDomain.relaxedAligned("x.example.com", "y.example.com")).isTrue();
        assertThat(OrganizationalDomain.relaxedAligned("example.com", "example.net")).isFalse();
    }

    @Test
    void pctSamplesTheFailuresAPolicyAppliesTo() {
        // the drawn percentile (50) is outside pct=10: reject becomes quarantine (RFC 7489 §6.6.4)
        Dmarc.Evaluation e = dmarc.evaluate("sample.test", "fail", "x.test", List.of());
        assertThat(e.published()).isEqualTo(Dmarc.Policy.REJECT);
        assertThat(e.applied()).isEqualTo(Dmarc.Policy.QUARANTINE);
        assertThat(new Dmarc(DNS, () -> 5).evaluate("sample.test", "fail", "x.test", List.of()).applied()).isEqualTo(Dmarc.Policy.REJECT);
    }

    @Test
    void noRecordIsNoneAndADnsFailureIsTemperror() {
        assertThat(dmarc.evaluate("nothing.test", "fail", "x.test", List.of()).result()).isEqualTo("none");
        Dmarc failing = new Dmarc(name -> new TxtLookup.TemporaryFailure("SERVFAIL"), () -> 0);
        assertThat(failing.evaluate("bank.test", "pass", "bank.test", List.of()).result()).isEqualTo("temperror");
    }
}
