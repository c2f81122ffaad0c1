package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.TxtLookup;
import org.junit.jupiter.api.Test;

class InboundAuthenticatorTest {
    private static final byte[] MESSAGE = "From: a@bank.test\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> RECORDS = Map.of(
            "_dmarc.bank.test", "v=DMARC1; p=reject",
            "_dmarc.shop.test", "v=DMARC1; p=quarantine",
            "_dmarc.news.test", "v=DMARC1; p=none");

    private static InboundAuthenticator with(String spf, TxtLookup dns) {
        return new InboundAuthenticator("mx.example.org", (ip, from, helo) -> spf, new DkimVerifier(dns, Clock.systemUTC()),
                new Dmarc(dns, () -> 0));
    }

    private static final TxtLookup DNS = name -> RECORDS.containsKey(name)
            ? new TxtLookup.Found(List.of(RECORDS.get(name))) : new TxtLookup.NotFound();

    @Test
    void dmarcRejectFailureIsRefusedWithASentence() {
        InboundAuthenticator.Verdict v = with("fail", DNS).check("192.0.2.1", "h.test", Optional.of("a@bank.test"), List.of("bank.test"), MESSAGE);
        assertThat(v.action()).isEqualTo(InboundAuthenticator.Action.REJECT);
        assertThat(v.reason()).startsWith("5.7.1 Refused: the message is from bank.test");
        assertThat(v.field()).startsWith("Authentication-Results: mx.example.org;")
                .contains("spf=fail smtp.mailfrom=a@bank.test").contains("dkim=none")
                .contains("dmarc=fail (p=reject dis=reject) header.from=bank.test");
    }

    @Test
    void quarantineNoneAndPass() {
        assertThat(with("fail", DNS).check("192.0.2.1", "h", Optional.of("a@shop.test"), List.of("shop.test"), MESSAGE).action())
                .isEqualTo(InboundAuthenticator.Action.QUARANTINE);
        assertThat(with("fail", DNS).check("192.0.2.1", "h", Optional.of("a@news.test"), List.of("news.test"), MESSAGE).action())
                .isEqualTo(InboundAuthenticator.Action.DELIVER);
        InboundAuthenticator.Verdict pass = with("pass", DNS).check("192.0.2.1", "h", Optional.of("a@bank.test"), List.of("bank.test"), MESSAGE);
        assertThat(pass.action()).isEqualTo(InboundAuthenticator.Action.DELIVER);
        assertThat(pass.field()).contains("dmarc=pass (p=reject dis=none) header.from=bank.test");
    }

    @Test
    void theStrictestAuthorDomainDecides() {
        assertThat(with("fail", DNS).check("192.0.2.1", "h", Optional.of("a@news.test"), List.of("news.test", "bank.test"), MESSAGE)
                .action()).isEqualTo(InboundAuthenticator.Action.REJECT);
    }

    @Test
    void theNullSenderIsCheckedOnHelo() {
        InboundAuthenticator.Verdict v = with("pass", DNS).check("192.0.2.1", "mx.bank.test", Optional.empty(), List.of("bank.test"), MESSAGE);
        assertThat(v.field()).contains("spf=pass smtp.helo=mx.bank.test").contains("dmarc=pass");
        assertThat(v.action()).isEqualTo(InboundAuthenticator.Action.DELIVER);
    }

    @Test
    void temporaryDnsFailuresDeferOnlyWhenTheyCouldDecide() {
        // the DMARC record cannot be fetched and nothing authenticated the domain: try again later
        TxtLookup failing = name -> new TxtLookup.TemporaryFailure("timeout");
        InboundAuthenticator.Verdict v = with("fail", failing).check("192.0.2.1", "h", Optional.of("a@bank.test"), List.of("bank.test"), MESSAGE);
        assertThat(v.action()).isEqualTo(InboundAuthenticator.Action.DEFER);
        assertThat(v.reason()).startsWith("4.7.1 ");
        // SPF passed for the domain: the policy does not matter, delivered with dmarc=temperror
        InboundAuthenticator.Verdict spfPass = with("pass", failing).check("192.0.2.1", "h", Optional.of("a@bank.test"), List.of("bank.test"), MESSAGE);
        assertThat(spfPass.action()).isEqualTo(InboundAuthenticator.Action.DELIVER);
        assertThat(spfPass.field()).contains("dmarc=temperror header.from=bank.test");
        // SPF could not be checked and DMARC would refuse: try again later rather than refuse
        assertThat(with("temperror", DNS).check("192.0.2.1", "h", Optional.of("a@bank.test"), List.of("bank.test"), MESSAGE).action())
                .isEqualTo(InboundAuthenticator.Action.DEFER);
        // ... but with p=none there is nothing to decide
        assertThat(with("temperror", DNS).check("192.0.2.1", "h", Optional.of("a@news.test"), List.of("news.test"), MESSAGE).action())
                .isEqualTo(InboundAuthenticator.Action.DELIVER);
    }

    @Test
    void noFromIsNoneAndDelivered() {
        InboundAuthenticator.Verdict v = with("fail", DNS).check("192.0.2.1", "h", Optional.of("a@bank.test"), List.of(), MESSAGE);
        assertThat(v.action()).isEqualTo(InboundAuthenticator.Action.DELIVER);
        assertThat(v.field()).contains("dmarc=none (no author domain)");
    }
}
