package org.facteur.mailserver.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** What the mailbox store relies on from every blob store. */
abstract class BlobStoreContract {

    abstract BlobStore store();

    /** How many copies of this blob the store holds (files, rows). */
    abstract long copiesOf(BlobId id) throws Exception;

    static final byte[] HELLO = "Subject: hello\r\n\r\nHello!\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void savedBytesComeBackUnderTheirSha256() throws Exception {
        BlobId id = store().save(HELLO);

        assertThat(id).isEqualTo(BlobId.of(HELLO));
        assertThat(store().read(id)).isEqualTo(HELLO);
        try (InputStream in = store().open(id).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
        }
        assertThat(store().exists(id)).isTrue();
    }

    @Test
    void savingIdenticalBytesKeepsOneCopy() throws Exception {
        BlobId first = store().save(HELLO);
        BlobId second = store().save(HELLO.clone());
        BlobId third = store().save(new ByteArrayInputStream(HELLO));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(copiesOf(first)).isEqualTo(1);
    }

    @Test
    void aStreamOfSeveralMegabytesIsStoredWhole() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(big);

        BlobId id = store().save(new ByteArrayInputStream(big));

        assertThat(id).isEqualTo(BlobId.of(big));
        assertThat(store().read(id)).isEqualTo(big);
    }

    @Test
    void anUnknownBlobIsAbsent() throws Exception {
        BlobId unknown = BlobId.of("never stored".getBytes(StandardCharsets.US_ASCII));

        assertThat(store().exists(unknown)).isFalse();
        assertThat(store().open(unknown)).isEmpty();
        assertThatThrownBy(() -> store().read(unknown)).isInstanceOf(NoSuchBlobException.class);
    }

    @Test
    void deleteRemovesTheBlobAndMayBeRepeated() throws Exception {
        BlobId id = store().save(HELLO);

        store().delete(id);
        store().delete(id);

        assertThat(store().exists(id)).isFalse();
        assertThat(copiesOf(id)).isZero();
    }

    @Test
    void anEmptyBlobIsABlobToo() throws Exception {
        BlobId id = store().save(new byte[0]);

        assertThat(store().read(id)).isEmpty();
        assertThat(store().exists(id)).isTrue();
    }
}
