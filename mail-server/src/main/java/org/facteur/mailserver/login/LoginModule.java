package org.facteur.mailserver.login;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The login policy shared by SMTP and IMAP: the counters (in memory, or shared in Redis: see
 * {@link #counters}), the default policy, and the proxies trusted to forward a client address.
 */
public final class LoginModule extends AbstractModule {
    private final TrustedNetworks trustedProxies;
    private final AttemptCounters counters;

    public LoginModule(TrustedNetworks trustedProxies, AttemptCounters counters) {
        this.trustedProxies = trustedProxies;
        this.counters = counters;
    }

    /** The counters {@code FACTEUR_REDIS_URI} asks for: in Redis when it is set, else in this process's memory. */
    public static AttemptCounters counters(java.util.Optional<RedisSettings> redis) {
        return redis.<AttemptCounters>map(LocalFallbackAttemptCounters::redis).orElseGet(InMemoryAttemptCounters::new);
    }

    @Override
    protected void configure() {
        bind(TrustedNetworks.class).toInstance(trustedProxies);
        bind(AttemptCounters.class).toInstance(counters);
    }

    @Provides
    @Singleton
    LoginThrottle throttle(AttemptCounters counters) {
        return new LoginThrottle(counters, LoginPolicy.DEFAULT);
    }
}
