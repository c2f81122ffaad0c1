package org.facteur.mailserver.dkim;

/**
 * The two DKIM signing algorithms Facteur signs with, each message getting one signature of each: receivers that
 * know RFC 8463 check the short Ed25519 one, every other receiver the RSA one.
 */
public enum DkimAlgorithm {
    /** RFC 6376 rsa-sha256 with a 2048-bit key; selectors start with {@code f}. */
    RSA("rsa-sha256", "rsa", "RSA", 'f'),
    /** RFC 8463 ed25519-sha256; selectors start with {@code e}. */
    ED25519("ed25519-sha256", "ed25519", "Ed25519", 'e');

    private final String tag;
    private final String keyType;
    private final String jcaName;
    private final char selectorPrefix;

    DkimAlgorithm(String tag, String keyType, String jcaName, char selectorPrefix) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaName = jcaName;
        this.selectorPrefix = selectorPrefix;
    }

    /** The value of the signature's {@code a=} tag. */
    public String tag() {
        return tag;
    }

    /** The value of the DNS record's {@code k=} tag. */
    public String keyType() {
        return keyType;
    }

    String jcaName() {
        return jcaName;
    }

    char selectorPrefix() {
        return selectorPrefix;
    }

    static DkimAlgorithm ofKeyType(String keyType) {
        for (DkimAlgorithm a : values()) {
            if (a.keyType.equals(keyType)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown DKIM key type " + keyType);
    }
}
