package org.facteur.mailserver.store.mailbox;

import java.io.IOException;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;

import com.google.inject.Module;

/**
 * The SQL mailbox store on a data directory's own SQLite database and blob files, for a server that does not yet
 * open the database itself (until the data/users switch of #9 hands {@link SqlMailboxModule} the server's
 * {@link Database}). Closing it closes the database.
 */
public final class SqlMailboxes implements AutoCloseable {
    private final Database database;
    private final SqlMailboxModule module;

    private SqlMailboxes(Database database, SqlMailboxModule module) {
        this.database = database;
        this.module = module;
    }

    public static SqlMailboxes open(DataDirectory data) throws IOException {
        java.nio.file.Files.createDirectories(data.database().getParent());
        Database database = Database.open(DatabaseSettings.sqlite(data.database()));
        try {
            return new SqlMailboxes(database, SqlMailboxModule.on(database, new FileBlobStore(data.blobs())));
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Module module() {
        return module;
    }

    @Override
    public void close() {
        database.close();
    }
}
