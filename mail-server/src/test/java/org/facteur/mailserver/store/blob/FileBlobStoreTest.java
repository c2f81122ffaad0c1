package org.facteur.mailserver.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;
    FileBlobStore store;

    @BeforeEach
    void open() throws Exception {
        store = new FileBlobStore(dir.resolve("blobs"));
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    long copiesOf(BlobId id) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(id.sha256())).count();
        }
    }

    @Test
    void blobsAreFannedOutByTheFirstFourHexDigitsAndLeaveNoTemporaryFile() throws Exception {
        BlobId id = store.save(HELLO);
        store.save(new ByteArrayInputStream("another".getBytes()));

        String hex = id.sha256();
        assertThat(dir.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex)).hasBinaryContent(HELLO);
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(2).noneMatch(name -> name.startsWith(".tmp-"));
        }
    }

    @Test
    void temporaryFilesLeftByACrashAreRemovedOnceOld() throws Exception {
        Path fanOut = Files.createDirectories(dir.resolve("blobs/ab/cd"));
        Path abandoned = Files.writeString(fanOut.resolve(".tmp-crashed"), "half a message");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200)));
        Path fresh = Files.writeString(fanOut.resolve(".tmp-being-written"), "a message");

        assertThat(store.removeAbandonedTempFiles(java.time.Duration.ofHours(1))).isEqualTo(1);
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).exists();
    }
}
