package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.facteur.mailserver.dns.MtaStsPolicy;
import org.facteur.mailserver.dns.TxtLookup;
import org.junit.jupiter.api.Test;

class IsMtaStsEnforcedTest {
    @Test
    void matchesTheRecipientsOfDomainsWithAnEnforcePolicyOnlyAskingOncePerDomain() throws Exception {
        List<String> fetched = new ArrayList<>();
        MtaStsPolicies policies = new MtaStsPolicies(
                name -> name.equals("_mta-sts.plain.test") ? new TxtLookup.NotFound() : new TxtLookup.Found(List.of("v=STSv1; id=1")),
                domain -> {
                    fetched.add(domain);
                    return MtaStsPolicy.of(domain.equals("secure.test") ? MtaStsPolicy.Mode.ENFORCE : MtaStsPolicy.Mode.TESTING,
                            "mx." + domain, Duration.ofDays(1));
                }, Clock.systemUTC());
        IsMtaStsEnforced matcher = new IsMtaStsEnforced(policies);
        matcher.init(FakeMatcherConfig.builder().matcherName("IsMtaStsEnforced").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail mail = FakeMail.builder().name("m1").sender("alice@example.org")
                .recipients("bob@secure.test", "carol@lax.test", "dave@plain.test", "erin@secure.test").build();
        assertThat(matcher.match(mail)).containsExactly(new MailAddress("bob@secure.test"), new MailAddress("erin@secure.test"));
        assertThat(fetched).containsExactlyInAnyOrder("secure.test", "lax.test");
    }
}
