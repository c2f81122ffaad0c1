package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities outbound connections trust when they must authenticate the remote (MTA-STS policy
 * hosts, MXes of domains with an {@code enforce} policy): the JDK's trust store plus the PEM certificates of
 * {@code FACTEUR_OUTBOUND_CA_FILE}, like Postfix's {@code smtp_tls_CAfile}.
 */
public final class OutboundTrust {
    private static volatile SSLContext installed;

    private final SSLContext context;

    private OutboundTrust(SSLContext context) {
        this.context = context;
    }

    /** The JDK's trust anchors, and those of this PEM file if there is one. */
    public static OutboundTrust of(Optional<Path> caFile) throws IOException {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null));
            if (caFile.isPresent()) {
                KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
                extra.load(null, null);
                int n = 0;
                try (InputStream in = Files.newInputStream(caFile.get())) {
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        extra.setCertificateEntry("facteur-ca-" + (n++), c);
                    }
                }
                if (n == 0) {
                    throw new IOException("No PEM certificate in FACTEUR_OUTBOUND_CA_FILE " + caFile.get());
                }
                managers.add(trustManager(extra));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOf(managers)}, null);
            return new OutboundTrust(context);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the outbound trust anchors: " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /**
     * Makes this the trust of {@link OutboundTrustSocketFactory}: javax.mail only takes a socket factory by class name
     * ({@code mail.smtp.ssl.socketFactory.class}, through its static {@code getDefault()}), so it is handed over here.
     */
    public void install() {
        installed = context;
    }

    static SSLContext installed() {
        SSLContext c = installed;
        if (c == null) {
            throw new IllegalStateException("No outbound trust installed: the mail server installs it at start");
        }
        return c;
    }

    private static X509TrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain that one of the managers trusts. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            java.security.cert.CertificateException last = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(chain, authType);
                    return;
                } catch (java.security.cert.CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("outbound trust only checks servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
        }
    }
}
