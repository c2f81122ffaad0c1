package org.facteur.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.dkim.DkimKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsRecordsTest {
    @TempDir
    Path dir;

    @Test
    void printsMxSpfEveryPublishedSelectorDmarcAndSrvInZoneFileSyntax() {
        DkimKeys keys = new DkimKeys(dir);
        keys.ensure("example.org");
        keys.rotate("example.org");
        List<String> lines = DnsRecords.of("example.org", new DnsRecords.Server("mail.example.org", 587, 993),
                keys.published("example.org"));
        String zone = String.join("\n", lines);
        assertThat(zone).containsPattern("(?m)^example\\.org\\.\\s+3600 IN MX\\s+10 mail\\.example\\.org\\.$")
                .containsPattern("(?m)^example\\.org\\.\\s+3600 IN TXT\\s+\"v=spf1 mx -all\"$")
                .containsPattern("(?m)^_dmarc\\.example\\.org\\.\\s+3600 IN TXT\\s+\"v=DMARC1; p=none; rua=mailto:postmaster@example\\.org; adkim=r; aspf=r\"$")
                .contains("tighten to p=quarantine")
                .containsPattern("(?m)^_submission\\._tcp\\.example\\.org\\.\\s+3600 IN SRV\\s+0 1 587 mail\\.example\\.org\\.$")
                .containsPattern("(?m)^_imaps\\._tcp\\.example\\.org\\.\\s+3600 IN SRV\\s+0 1 993 mail\\.example\\.org\\.$");
        // the four selectors: two rotated out (still published, with the date to delete them) and two signing
        assertThat(lines.stream().filter(l -> l.contains("._domainkey.example.org.")).count()).isEqualTo(4);
        assertThat(lines.stream().filter(l -> l.contains("keep it published until")).count()).isEqualTo(2);
        assertThat(lines.stream().filter(l -> l.contains("signs outgoing mail")).count()).isEqualTo(2);
    }

    @Test
    void printsMtaStsTlsRptAndTheNamesClientsLookUp() {
        MtaStsPolicy policy = MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mail.example.org", java.time.Duration.ofDays(1));
        String zone = String.join("\n", DnsRecords.of("example.org",
                new DnsRecords.Server("mail.example.org", 587, 993, policy), List.of()));
        assertThat(zone)
                .containsPattern("(?m)^_mta-sts\\.example\\.org\\.\\s+3600 IN TXT\\s+\"v=STSv1; id=" + policy.id() + "\"$")
                .containsPattern("(?m)^mta-sts\\.example\\.org\\.\\s+3600 IN CNAME mail\\.example\\.org\\.$")
                .containsPattern("(?m)^_smtp\\._tls\\.example\\.org\\.\\s+3600 IN TXT\\s+\"v=TLSRPTv1; rua=mailto:postmaster@example\\.org\"$")
                .containsPattern("(?m)^autoconfig\\.example\\.org\\.\\s+3600 IN CNAME mail\\.example\\.org\\.$")
                .containsPattern("(?m)^autodiscover\\.example\\.org\\.\\s+3600 IN CNAME mail\\.example\\.org\\.$")
                .containsPattern("(?m)^_autodiscover\\._tcp\\.example\\.org\\.\\s+3600 IN SRV\\s+0 1 443 mail\\.example\\.org\\.$")
                .contains("mode enforce, max_age 86400 s: they do not deliver without it").contains("A/AAAA");
        // another policy, another id
        MtaStsPolicy testing = MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "mail.example.org", java.time.Duration.ofDays(1));
        assertThat(String.join("\n", DnsRecords.of("example.org", new DnsRecords.Server("mail.example.org", 587, 993, testing),
                List.of()))).contains("id=" + testing.id()).doesNotContain("id=" + policy.id());
    }

    @Test
    void namedCheckzoneLoadsEveryPrintedRecordWhetherTheMailHostIsInsideTheZoneOrNot() throws Exception {
        DkimKeys keys = new DkimKeys(dir);
        keys.ensure("example.org");
        keys.rotate("example.org");
        for (String host : List.of("mail.example.org", "mx.provider.test", "example.org")) {
            List<String> lines = DnsRecords.of("example.org", new DnsRecords.Server(host, 587, 993), keys.published("example.org"));
            NamedCheckzone.Result result = NamedCheckzone.check("example.org", lines, host);
            assertThat(result.loaded()).as(host + ": " + result.messages()).isTrue();
            // every record line of the output is one record of the parsed zone (SOA, NS and the test's A records aside)
            long records = lines.stream().filter(l -> !l.startsWith(";")).count();
            long parsed = result.canonical().lines().filter(l -> !l.matches(".*\\s(SOA|NS|A)\\s.*")).count();
            assertThat(parsed).as(result.canonical()).isEqualTo(records);
            assertThat(result.canonical()).contains("_mta-sts.example.org.").contains("_smtp._tls.example.org.")
                    .contains("_autodiscover._tcp.example.org.");
        }
    }

    @Test
    void longTxtRecordsAreSplitIntoStringsOfAtMost255Characters() {
        String text = "v=DKIM1; k=rsa; p=" + "A".repeat(392);
        String data = DnsRecords.txt(text);
        assertThat(data).startsWith("( \"").endsWith("\" )");
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(data);
        StringBuilder joined = new StringBuilder();
        int strings = 0;
        while (m.find()) {
            assertThat(m.group(1).length()).isLessThanOrEqualTo(255);
            joined.append(m.group(1));
            strings++;
        }
        assertThat(strings).isEqualTo(2);
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(DnsRecords.txt("short")).isEqualTo("\"short\"");
    }
}
