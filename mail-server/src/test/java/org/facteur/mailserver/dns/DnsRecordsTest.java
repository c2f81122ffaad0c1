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
