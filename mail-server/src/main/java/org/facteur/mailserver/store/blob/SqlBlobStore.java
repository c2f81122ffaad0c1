package org.facteur.mailserver.store.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * Blobs in a table of Facteur's database, for PostgreSQL deployments where several nodes share the message
 * bodies. A save joins the caller's transaction when there is one (the message rows and their body commit
 * together), else commits on its own; either way it is durable once the surrounding commit returns.
 */
public final class SqlBlobStore implements BlobStore {
    static final String MIGRATIONS = "org/facteur/mailserver/store/blob/migration";

    private final Database database;

    private SqlBlobStore(Database database) {
        this.database = database;
    }

    /** The store on {@code database}, its table created or brought up to date. */
    public static SqlBlobStore migrated(Database database) {
        database.migrate("blob", MIGRATIONS);
        return new SqlBlobStore(database);
    }

    @Override
    public BlobId save(byte[] content) {
        BlobId id = BlobId.of(content);
        database.inTransaction(c -> Jdbc.update(c,
                "INSERT INTO blob (id, content) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id.sha256(), content));
        return id;
    }

    @Override
    public BlobId save(InputStream content) throws IOException {
        return save(content.readAllBytes());
    }

    @Override
    public Optional<InputStream> open(BlobId id) {
        return fetch(id).map(ByteArrayInputStream::new);
    }

    @Override
    public byte[] read(BlobId id) throws IOException {
        return fetch(id).orElseThrow(() -> new NoSuchBlobException(id));
    }

    @Override
    public boolean exists(BlobId id) {
        return database.read(c -> Jdbc.one(c, "SELECT 1 FROM blob WHERE id = ?", rs -> true, id.sha256())).isPresent();
    }

    @Override
    public void delete(BlobId id) {
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM blob WHERE id = ?", id.sha256()));
    }

    @Override
    public boolean savesInCallersTransaction() {
        return true;
    }

    private Optional<byte[]> fetch(BlobId id) {
        return database.read(c -> Jdbc.one(c, "SELECT content FROM blob WHERE id = ?", rs -> rs.getBytes(1), id.sha256()));
    }
}
