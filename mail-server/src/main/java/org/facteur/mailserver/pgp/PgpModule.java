package org.facteur.mailserver.pgp;

import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.store.UserKeyStore;

import com.google.inject.AbstractModule;

/** Makes the users' OpenPGP key store and the PGP/MIME codec injectable into Facteur's matchers and mailets. */
public final class PgpModule extends AbstractModule {
    private final UserKeyStore keys;
    private final PgpMime pgpMime;

    public PgpModule(UserKeyStore keys, PgpMime pgpMime) {
        this.keys = keys;
        this.pgpMime = pgpMime;
    }

    @Override
    protected void configure() {
        bind(UserKeyStore.class).toInstance(keys);
        bind(PgpMime.class).toInstance(pgpMime);
    }
}
