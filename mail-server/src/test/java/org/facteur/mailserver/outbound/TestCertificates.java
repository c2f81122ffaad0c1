package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for one test with Bouncy Castle: a test CA that issues server certificates, or self-signed ones,
 * and the server-side {@link SSLContext} presenting them.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate chain (leaf first). */
    public record Identity(KeyPair key, X509Certificate[] chain) {
        public X509Certificate certificate() {
            return chain[0];
        }

        /** A TLS server context presenting this identity. */
        public SSLContext serverContext() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] pw = "test".toCharArray();
                ks.setKeyEntry("server", key.getPrivate(), pw, chain);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Identity ca;

    private TestCertificates(Identity ca) {
        this.ca = ca;
    }

    /** A new certificate authority with this common name. */
    public static TestCertificates authority(String name) {
        KeyPair key = keyPair();
        return new TestCertificates(new Identity(key, new X509Certificate[] {
                certificate("CN=" + name, key, "CN=" + name, key, true, new String[0])}));
    }

    /** A certificate for these DNS names signed by its own key (no CA vouches for it). */
    public static Identity selfSigned(String... dnsNames) {
        KeyPair key = keyPair();
        return new Identity(key, new X509Certificate[] {
                certificate("CN=" + dnsNames[0], key, "CN=" + dnsNames[0], key, false, dnsNames)});
    }

    /** A server certificate for these DNS names, signed by this CA. */
    public Identity issue(String... dnsNames) {
        KeyPair key = keyPair();
        X509Certificate leaf = certificate("CN=" + dnsNames[0], key, ca.certificate().getSubjectX500Principal().getName(),
                ca.key(), false, dnsNames);
        return new Identity(key, new X509Certificate[] {leaf, ca.certificate()});
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** Writes this CA's certificate as PEM to a file (the form {@code FACTEUR_OUTBOUND_CA_FILE} takes). */
    public Path writePem(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(ca.certificate());
        }
        return Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
                                               boolean isCa, String[] dnsNames) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(dnsNames)
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
