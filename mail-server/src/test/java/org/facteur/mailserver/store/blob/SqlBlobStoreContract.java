package org.facteur.mailserver.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.Test;

/** The blob table: the contract, and saves that join the caller's transaction. */
abstract class SqlBlobStoreContract extends BlobStoreContract {

    abstract Database database();

    @Override
    long copiesOf(BlobId id) {
        return database().read(c -> Jdbc.one(c, "SELECT COUNT(*) FROM blob WHERE id = ?", rs -> rs.getLong(1), id.sha256()).orElseThrow());
    }

    @Test
    void aSaveInsideATransactionCommitsAndRollsBackWithIt() {
        assertThatThrownBy(() -> database().inTransaction(c -> {
            ((SqlBlobStore) store()).save(HELLO);
            throw new IllegalStateException("the message rows failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(copiesOf(BlobId.of(HELLO))).isZero();

        database().inTransaction(c -> ((SqlBlobStore) store()).save(HELLO));
        assertThat(copiesOf(BlobId.of(HELLO))).isEqualTo(1);
    }

    @Test
    void itSaysItJoinsTheCallersTransaction() {
        assertThat(store().savesInCallersTransaction()).isTrue();
    }
}
