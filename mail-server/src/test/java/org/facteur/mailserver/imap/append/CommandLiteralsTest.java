package org.facteur.mailserver.imap.append;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.imap.message.Literal;
import org.facteur.mailserver.imap.binary.BinaryAppends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command of several large literal8 messages: each re-encoded copy has a temporary file of its own, all deleted,
 * while the file James spilled the command to, shared by every literal, is released once.
 */
class CommandLiteralsTest {
    @TempDir
    Path temporaryFiles;

    /** One view of the command's spilled file: every view counts into the same closes. */
    private record SpilledLiteral(byte[] bytes, int[] closes) implements Literal, Closeable {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() {
            closes[0]++;
        }
    }

    private static byte[] binaryMessage() {
        byte[] message = new byte[BinaryAppends.IN_MEMORY_BYTES + 100];
        byte[] header = "Content-Transfer-Encoding: binary\r\n\r\n".getBytes();
        System.arraycopy(header, 0, message, 0, header.length);
        return message;
    }

    private long temporaryFileCount() throws IOException {
        try (Stream<Path> files = Files.list(temporaryFiles)) {
            return files.count();
        }
    }

    @Test
    void everyReencodedCopyIsDeletedAndTheCommandsFileReleasedOnce() throws Exception {
        int[] closes = {0};
        List<Literal> literals = List.of(
                BinaryAppends.storable(new SpilledLiteral(binaryMessage(), closes), temporaryFiles),
                new SpilledLiteral("Subject: plain\r\n\r\ntext\r\n".getBytes(), closes),
                BinaryAppends.storable(new SpilledLiteral(binaryMessage(), closes), temporaryFiles));
        assertThat(temporaryFileCount()).isEqualTo(2);

        CommandLiterals.release(literals);

        assertThat(temporaryFileCount()).isZero();
        assertThat(closes[0]).isEqualTo(1);
    }
}
