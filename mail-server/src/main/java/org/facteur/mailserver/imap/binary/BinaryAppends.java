package org.facteur.mailserver.imap.binary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.james.imap.message.BytesBackedLiteral;
import org.apache.james.imap.message.Literal;

/**
 * A message APPENDed as a literal8 (RFC 3516 §4.4), made storable: parts in the {@code binary} transfer encoding (or
 * holding a NUL) become base64 ({@link MimeParts#base64ForBinaryParts}), so that BODY and RFC822 never send a NUL in
 * a literal, which RFC 3501 forbids and clients that know nothing of BINARY would choke on, while BINARY gives the
 * bytes back as they were sent. A message without such parts is stored exactly as sent.
 *
 * <p>The message is read into memory once, for its parts to be found; a literal may be as large as the IMAP literal
 * limit, so the re-encoded message of one larger than {@link #IN_MEMORY_BYTES} is written a piece at a time to a
 * temporary file rather than kept as a second, larger copy on the heap.
 */
public final class BinaryAppends {
    /**
     * The largest message re-encoded in memory, James's in-memory limit for a command as Facteur configures it
     * ({@code MultiAppendCommandParser.IN_MEMORY_COMMAND_BYTES}): a larger one is re-encoded into a temporary file.
     */
    public static final int IN_MEMORY_BYTES = 1024 * 1024;

    private BinaryAppends() {
    }

    public static Literal storable(Literal sent) throws IOException {
        return storable(sent, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #storable(Literal)}, a large re-encoded message written to a temporary file in {@code directory}. */
    public static Literal storable(Literal sent, Path directory) throws IOException {
        byte[] message = bytesOf(sent);
        if (message.length <= IN_MEMORY_BYTES) {
            byte[] stored = MimeParts.base64ForBinaryParts(message);
            return stored == message ? sent : new ReencodedLiteral(BytesBackedLiteral.of(stored), sent);
        }
        TemporaryFileLiteral stored = TemporaryFileLiteral.create(directory);
        boolean changed = false;
        try {
            try (OutputStream out = new BufferedOutputStream(stored.outputStream())) {
                changed = MimeParts.writeWithBase64ForBinaryParts(message, out);
            }
        } finally {
            if (!changed) {
                stored.close();
            }
        }
        return changed ? new ReencodedLiteral(stored, sent) : sent;
    }

    /** The literal's bytes in one array of its size, not in the growing buffers of {@code readAllBytes}. */
    private static byte[] bytesOf(Literal sent) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(sent.size())];
        int read;
        try (InputStream in = sent.getInputStream()) {
            read = in.readNBytes(bytes, 0, bytes.length);
        }
        return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
    }
}
