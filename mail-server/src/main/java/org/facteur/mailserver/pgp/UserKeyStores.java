package org.facteur.mailserver.pgp;

import java.nio.file.Path;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.SqlEngine;
import org.facteur.pgp.store.FileUserKeyStore;
import org.facteur.pgp.store.JdbcUserKeyStore;
import org.facteur.pgp.store.UserKeyStore;
import org.facteur.pgp.store.UserKeyStoreCopy;
import org.facteur.pgp.store.UserKeyStoreSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' OpenPGP keys and settings: files in {@code <data>/pgp} with the embedded database, the database itself with
 * PostgreSQL, so that every node sharing it serves the same keys (WKD, Autocrypt, encryption at rest, the webmail).
 * Members this node had in files and the database does not have yet are copied in at start.
 */
public final class UserKeyStores {
    private static final Logger LOG = LoggerFactory.getLogger(UserKeyStores.class);

    private UserKeyStores() {
    }

    /** @param files {@code DataDirectory.pgp()} */
    public static UserKeyStore open(Database database, Path files) {
        FileUserKeyStore onDisk = new FileUserKeyStore(files);
        if (database.engine() == SqlEngine.SQLITE) {
            return onDisk;
        }
        database.migrate(UserKeyStoreSchema.PART, UserKeyStoreSchema.LOCATION);
        UserKeyStore shared = new JdbcUserKeyStore(database.dataSource());
        int copied = UserKeyStoreCopy.copyMissing(onDisk, shared);
        if (copied > 0) {
            LOG.info("OpenPGP keys and settings of {} members copied from {} into the database", copied, files);
        }
        return shared;
    }
}
