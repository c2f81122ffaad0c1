package org.facteur.mailserver.store.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A blob's name: the SHA-256 of its content, in lower-case hex (content-addressed: same bytes, same id). */
public record BlobId(String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public BlobId {
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a blob id: " + sha256);
        }
    }

    public static BlobId of(byte[] content) {
        return new BlobId(HexFormat.of().formatHex(digest().digest(content)));
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return sha256;
    }
}
