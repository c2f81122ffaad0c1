package org.facteur.mailserver.srs;

import com.google.inject.AbstractModule;

/** Makes this server's {@link SrsAddresses} injectable into its mailets and SMTP hooks. */
public final class SrsModule extends AbstractModule {
    private final SrsAddresses srs;

    public SrsModule(SrsAddresses srs) {
        this.srs = srs;
    }

    @Override
    protected void configure() {
        bind(SrsAddresses.class).toInstance(srs);
    }
}
