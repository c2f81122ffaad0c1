package org.facteur.mailserver.dkim;

import com.google.inject.AbstractModule;

/** Makes this server's {@link DkimKeys} injectable into {@link DkimSign}. */
public final class DkimModule extends AbstractModule {
    private final DkimKeys keys;

    public DkimModule(DkimKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void configure() {
        bind(DkimKeys.class).toInstance(keys);
    }
}
