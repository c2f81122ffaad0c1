package org.facteur.mailserver.inbound;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.DnsjavaTxtLookup;
import org.facteur.mailserver.net.ClientNetworks;

import com.google.inject.AbstractModule;

/** Makes the inbound checks ({@link InboundChecking}) injectable into {@link InboundAuthHook}. */
public final class InboundAuthModule extends AbstractModule {
    private final InboundChecking checking;

    public InboundAuthModule(InboundChecking checking) {
        this.checking = checking;
    }

    /** The checks these settings ask for, with the hostname as authserv-id and DNS through the configured servers. */
    public static InboundAuthModule of(MailServerSettings settings) {
        DnsjavaTxtLookup dns = new DnsjavaTxtLookup(settings.dnsServers());
        InboundAuthenticator authenticator = new InboundAuthenticator(settings.hostname(), new JspfCheck(settings.dnsServers()),
                new DkimVerifier(dns, Clock.systemUTC()), new Dmarc(dns, () -> ThreadLocalRandom.current().nextInt(100)));
        return new InboundAuthModule(new InboundChecking(settings.inboundChecks().enabled(),
                ClientNetworks.parse(settings.inboundChecks().exempt()), authenticator));
    }

    @Override
    protected void configure() {
        bind(InboundChecking.class).toInstance(checking);
    }
}
