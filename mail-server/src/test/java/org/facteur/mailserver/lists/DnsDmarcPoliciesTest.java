package org.facteur.mailserver.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.facteur.lists.posting.DmarcPolicies.Policy;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;
import org.facteur.mailserver.dns.DnsjavaTxtLookup;
import org.facteur.mailserver.inbound.DmarcRecords;
import org.junit.jupiter.api.Test;

/** The list manager's DMARC port answered by a real DNS server (dnsmasq on a high port), as FACTEUR_DNS_SERVERS sets it. */
class DnsDmarcPoliciesTest {
    private static DnsDmarcPolicies policies(String server) {
        return new DnsDmarcPolicies(new DmarcRecords(new DnsjavaTxtLookup(DnsServers.parse(server))));
    }

    @Test
    void eachPublishedPolicyAndTheOrganizationalDomainsForASubdomain() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), Map.of("_dmarc.strict.test", "v=DMARC1; p=reject",
                "_dmarc.spam.test", "v=DMARC1; p=quarantine", "_dmarc.relaxed.test", "v=DMARC1; p=none",
                "_dmarc.parent.test", "v=DMARC1; p=none; sp=reject", "_dmarc.broken.test", "v=spf1 -all"))) {
            DnsDmarcPolicies dmarc = policies(dns.server());
            assertThat(dmarc.policyOf("strict.test")).isEqualTo(Policy.REJECT);
            assertThat(dmarc.policyOf("STRICT.test")).isEqualTo(Policy.REJECT);
            assertThat(dmarc.policyOf("mail.strict.test")).as("the organizational domain's p=").isEqualTo(Policy.REJECT);
            assertThat(dmarc.policyOf("spam.test")).isEqualTo(Policy.QUARANTINE);
            assertThat(dmarc.policyOf("relaxed.test")).isEqualTo(Policy.NONE);
            assertThat(dmarc.policyOf("parent.test")).isEqualTo(Policy.NONE);
            assertThat(dmarc.policyOf("lists.parent.test")).as("sp= for a subdomain").isEqualTo(Policy.REJECT);
            assertThat(dmarc.policyOf("nothing.test")).isEqualTo(Policy.ABSENT);
            assertThat(dmarc.policyOf("broken.test")).as("a TXT record that is not DMARC").isEqualTo(Policy.ABSENT);
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsUnknownNotAbsent() {
        DnsDmarcPolicies dmarc = policies("127.0.0.1:" + TestMailServers.freePort());
        assertThat(dmarc.policyOf("gone-" + System.nanoTime() + ".test")).isEqualTo(Policy.UNKNOWN);
    }
}
