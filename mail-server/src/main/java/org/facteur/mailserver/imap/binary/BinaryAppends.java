package org.facteur.mailserver.imap.binary;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.message.Literal;

/**
 * A message APPENDed as a literal8 (RFC 3516 §4.4), made storable: parts in the {@code binary} transfer encoding (or
 * holding a NUL) become base64 ({@link MimeParts#base64ForBinaryParts}), so that BODY and RFC822 never send a NUL in
 * a literal, which RFC 3501 forbids and clients that know nothing of BINARY would choke on, while BINARY gives the
 * bytes back as they were sent. A message without such parts is stored exactly as sent.
 */
public final class BinaryAppends {
    private BinaryAppends() {
    }

    public static Literal storable(Literal sent) throws IOException {
        byte[] bytes;
        try (InputStream in = sent.getInputStream()) {
            bytes = in.readAllBytes();
        }
        byte[] stored = MimeParts.base64ForBinaryParts(bytes);
        return stored == bytes ? sent : new Reencoded(stored, sent);
    }

    /** The re-encoded bytes; closing it releases the literal James read (a temporary file for a large command). */
    private record Reencoded(byte[] bytes, Literal sent) implements Literal, Closeable {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() throws IOException {
            if (sent instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
