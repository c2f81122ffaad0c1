package org.facteur.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.facteur.mailserver.dkim.DkimKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin dns --check} against a real DNS server, dnsmasq, answering what the test published. */
class DnsCheckTest {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    @TempDir
    Path dir;

    private List<String> printed() {
        DkimKeys keys = new DkimKeys(dir);
        keys.ensure("example.org");
        return DnsRecords.of("example.org", new DnsRecords.Server("mail.example.org", 587, 993), keys.published("example.org"));
    }

    @Test
    void everyRecordPublishedAsPrintedIsOk() throws Exception {
        List<String> printed = printed();
        List<String> zone = new ArrayList<>(printed);
        zone.add("mail.example.org. 3600 IN A 192.0.2.25");
        try (ZoneDnsmasq dns = ZoneDnsmasq.serving("example.org", zone)) {
            List<DnsCheck.Finding> findings = DnsCheck.check(printed, DnsCheck.through(dns.address(), TIMEOUT));
            assertThat(findings).hasSize((int) printed.stream().filter(l -> !l.startsWith(";")).count());
            assertThat(findings).as(findings.stream().map(DnsCheck.Finding::line).collect(Collectors.joining("\n")))
                    .allMatch(f -> f.verdict() == DnsCheck.Verdict.OK);
            assertThat(DnsCheck.allPublished(findings)).isTrue();
        }
    }

    @Test
    void saysRecordByRecordWhatIsMissingOrDifferent() throws Exception {
        List<String> printed = printed();
        List<String> zone = new ArrayList<>();
        for (String line : printed) {
            if (line.startsWith(";") || line.contains("k=ed25519") || line.startsWith("mta-sts.")) {
                continue;                                                   // missing: the Ed25519 key, the mta-sts host
            }
            if (line.startsWith("autodiscover.")) {
                zone.add("autodiscover.example.org. 3600 IN A 192.0.2.80");  // A instead of the CNAME: fine
                continue;
            }
            zone.add(line.replace("p=none", "p=reject")                      // a tightened DMARC policy
                    .replaceAll("v=STSv1; id=[0-9a-f]+", "v=STSv1; id=20240101")  // an old policy id
                    .replace("0 1 993 mail.example.org.", "0 1 143 mail.example.org."));  // another port
        }
        zone.add("mail.example.org. 3600 IN A 192.0.2.25");
        try (ZoneDnsmasq dns = ZoneDnsmasq.serving("example.org", zone)) {
            List<DnsCheck.Finding> findings = DnsCheck.check(printed, DnsCheck.through(dns.address(), TIMEOUT));
            Map<String, DnsCheck.Finding> byName = findings.stream()
                    .collect(Collectors.toMap(f -> f.name() + " " + f.type(), Function.identity()));
            String ed25519 = printed.stream().filter(l -> l.contains("k=ed25519")).findFirst().orElseThrow().split("\\s+")[0];
            assertThat(byName.get(ed25519 + " TXT").verdict()).isEqualTo(DnsCheck.Verdict.MISSING);
            assertThat(byName.get(ed25519 + " TXT").line()).startsWith("MISSING").contains("not published; publish \"v=DKIM1; k=ed25519");
            assertThat(byName.get("mta-sts.example.org. CNAME").verdict()).isEqualTo(DnsCheck.Verdict.MISSING);
            assertThat(byName.get("_dmarc.example.org. TXT").line()).startsWith("DIFFERENT")
                    .contains("published \"v=DMARC1; p=reject").contains("expected \"v=DMARC1; p=none");
            assertThat(byName.get("_mta-sts.example.org. TXT").line()).contains("published \"v=STSv1; id=20240101\"");
            assertThat(byName.get("_imaps._tcp.example.org. SRV").line())
                    .contains("published 0 1 143 mail.example.org., expected 0 1 993 mail.example.org.");
            assertThat(byName.get("autodiscover.example.org. CNAME").line()).startsWith("OK").contains("A/AAAA records instead: 192.0.2.80");
            assertThat(byName.get("example.org. MX").verdict()).isEqualTo(DnsCheck.Verdict.OK);
            assertThat(byName.get("_smtp._tls.example.org. TXT").verdict()).isEqualTo(DnsCheck.Verdict.OK);
            assertThat(findings.stream().filter(f -> f.verdict() != DnsCheck.Verdict.OK).count()).isEqualTo(5);
            assertThat(DnsCheck.allPublished(findings)).isFalse();
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsSaidSoAndABadSettingInOneSentence() throws Exception {
        List<String> printed = printed().subList(0, 3);
        int silent;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            silent = s.getLocalPort();                                       // nothing listens there
        }
        List<DnsCheck.Finding> findings = DnsCheck.check(printed, DnsCheck.through("127.0.0.1:" + silent, Duration.ofMillis(500)));
        assertThat(findings).isNotEmpty().allMatch(f -> f.verdict() == DnsCheck.Verdict.UNANSWERED);
        assertThat(findings.get(0).line()).contains("no answer from the DNS");
        assertThatThrownBy(() -> DnsCheck.through("127.0.0.1:99999", TIMEOUT))
                .hasMessage("FACTEUR_DNS_SERVERS: '127.0.0.1:99999' is not host[:port] (port 1 to 65535)");
    }
}
