package org.facteur.mailserver.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** A DKIM key as both stores write it: algorithm by key type, instants in ISO-8601, key halves in base64 (PKCS#8, X.509). */
final class DkimKeyText {
    private DkimKeyText() {
    }

    static DkimKey key(String domain, String selector, String keyType, String created, String publishedUntil,
                       String privateKey, String publicKey) throws GeneralSecurityException {
        DkimAlgorithm algorithm = DkimAlgorithm.ofKeyType(keyType);
        KeyFactory factory = KeyFactory.getInstance(algorithm.jcaName());
        return new DkimKey(domain, selector, algorithm,
                factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.strip()))),
                factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey.strip()))),
                Instant.parse(created), Optional.ofNullable(publishedUntil).map(Instant::parse));
    }

    static String privateKey(DkimKey key) {
        return Base64.getEncoder().encodeToString(key.privateKey().getEncoded());
    }

    static String publicKey(DkimKey key) {
        return Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    }
}
