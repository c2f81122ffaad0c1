package org.facteur.mailserver.dkim;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class FileDkimKeyStoreTest extends DkimKeyStoreContract {
    @TempDir
    Path dir;

    @Override
    DkimKeyStore store() {
        return new FileDkimKeyStore(dir);
    }
}
