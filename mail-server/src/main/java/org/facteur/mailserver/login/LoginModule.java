package org.facteur.mailserver.login;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The login policy shared by SMTP and IMAP: in-memory counters (one process), the default policy, and the
 * proxies trusted to forward a client address.
 */
public final class LoginModule extends AbstractModule {
    private final TrustedNetworks trustedProxies;

    public LoginModule(TrustedNetworks trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    protected void configure() {
        bind(TrustedNetworks.class).toInstance(trustedProxies);
        bind(AttemptCounters.class).to(InMemoryAttemptCounters.class);
        bind(InMemoryAttemptCounters.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    LoginThrottle throttle(AttemptCounters counters) {
        return new LoginThrottle(counters, LoginPolicy.DEFAULT);
    }
}
