package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.james.imap.message.Literal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A literal8 APPEND made storable: a small message re-encoded in memory, a large one into a temporary file of its
 * own, which closing the literal deletes along with the literal James read.
 */
class BinaryAppendsTest {
    private static final String HEADER = "Subject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee the attachment\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n";
    private static final String TRAILER = "\r\n--b--\r\n";

    @TempDir
    Path temporaryFiles;

    /** A literal as James reads one from a command spilled to a file: closeable, and counting its closes. */
    private static final class SentLiteral implements Literal, Closeable {
        private final byte[] bytes;
        private int closes;

        SentLiteral(byte[] bytes) {
            this.bytes = bytes;
        }

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
            closes++;
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    private static byte[] message(byte[] attachment) {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = TRAILER.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[header.length + attachment.length + trailer.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(attachment, 0, message, header.length, attachment.length);
        System.arraycopy(trailer, 0, message, header.length + attachment.length, trailer.length);
        return message;
    }

    private static String expected(byte[] attachment) {
        return HEADER.replace("Content-Transfer-Encoding: binary\r\n", "Content-Transfer-Encoding: base64\r\n")
                + Base64.getMimeEncoder().encodeToString(attachment) + TRAILER;
    }

    private static String read(Literal literal) throws IOException {
        try (InputStream in = literal.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(temporaryFiles)) {
            return files.toList();
        }
    }

    @Test
    void aLargeMessageIsReencodedIntoATemporaryFileThatClosingDeletes() throws Exception {
        byte[] attachment = randomBytes(3 * BinaryAppends.IN_MEMORY_BYTES + 12_345);
        SentLiteral sent = new SentLiteral(message(attachment));

        Literal stored = BinaryAppends.storable(sent, temporaryFiles);

        assertThat(temporaryFiles()).hasSize(1);
        assertThat(Files.size(temporaryFiles().get(0))).isEqualTo(stored.size());
        String expected = expected(attachment);
        assertThat(stored.size()).isEqualTo(expected.length());
        assertThat(read(stored)).isEqualTo(expected);
        assertThat(read(stored)).as("read a second time, as the store may").isEqualTo(expected);
        assertThat(sent.closes).isZero();

        ((Closeable) stored).close();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(sent.closes).as("the literal James read is released too").isEqualTo(1);
    }

    @Test
    void aLargeMessageWithoutBinaryPartsIsStoredAsSentAndLeavesNoFile() throws Exception {
        String text = "Subject: text\r\n\r\n" + "a line of text\r\n".repeat(BinaryAppends.IN_MEMORY_BYTES / 10);
        SentLiteral sent = new SentLiteral(text.getBytes(StandardCharsets.US_ASCII));

        assertThat(BinaryAppends.storable(sent, temporaryFiles)).isSameAs(sent);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aSmallMessageIsReencodedInMemory() throws Exception {
        byte[] attachment = randomBytes(1000);
        SentLiteral sent = new SentLiteral(message(attachment));

        Literal stored = BinaryAppends.storable(sent, temporaryFiles);

        assertThat(temporaryFiles()).isEmpty();
        assertThat(read(stored)).isEqualTo(expected(attachment));
        ((Closeable) stored).close();
        assertThat(sent.closes).isEqualTo(1);
    }

    @Test
    void deletingTheCopyLeavesTheLiteralJamesReadAlone() throws Exception {
        SentLiteral sent = new SentLiteral(message(randomBytes(BinaryAppends.IN_MEMORY_BYTES + 1)));
        ReencodedLiteral stored = (ReencodedLiteral) BinaryAppends.storable(sent, temporaryFiles);

        stored.deleteCopy();

        assertThat(temporaryFiles()).isEmpty();
        assertThat(sent.closes).isZero();
        assertThat(stored.sent()).isSameAs(sent);
    }
}
