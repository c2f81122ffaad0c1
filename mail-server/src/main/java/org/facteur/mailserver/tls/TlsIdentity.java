package org.facteur.mailserver.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.MailServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key and certificate: the configured PEM files, or a self-signed certificate
 * generated once into {@code <data>/tls} (so that TLS works, and AUTH is possible, from the first start).
 */
public final class TlsIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(TlsIdentity.class);

    private final String jamesXml;
    private final boolean selfSigned;
    private final Path certificateFile;

    private TlsIdentity(String jamesXml, boolean selfSigned, Path certificateFile) {
        this.jamesXml = jamesXml;
        this.selfSigned = selfSigned;
        this.certificateFile = certificateFile;
    }

    public static TlsIdentity prepare(MailServerSettings settings) throws IOException {
        MailServerSettings.Tls tls = settings.tls();
        if (tls.certificate().isPresent()) {
            Path cert = tls.certificate().get().toAbsolutePath();
            Path key = tls.privateKey().orElseThrow().toAbsolutePath();
            for (Path p : List.of(cert, key)) {
                if (!Files.isReadable(p)) {
                    throw new IOException("TLS file not readable: " + p);
                }
            }
            String xml = "<privateKey>file://" + key + "</privateKey><certificates>file://" + cert + "</certificates>";
            return new TlsIdentity(xml, false, cert);
        }
        Path dir = settings.data().tls();
        Path keystore = dir.resolve("self-signed.p12");
        Path secretFile = dir.resolve("self-signed.secret");
        if (!Files.exists(keystore) || !Files.exists(secretFile)) {
            generate(dir, keystore, secretFile, settings.hostname());
        }
        String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        String xml = "<keystore>file://" + keystore + "</keystore><keystoreType>PKCS12</keystoreType><secret>"
                + secret + "</secret>";
        return new TlsIdentity(xml, true, keystore);
    }

    private static void generate(Path dir, Path keystore, Path secretFile, String hostname) throws IOException {
        Files.createDirectories(dir);
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        Path tmp = dir.resolve("self-signed.p12.tmp");
        Files.deleteIfExists(tmp);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder pb = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "facteur",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "3650", "-dname", "CN=" + hostname,
                "-ext", "SAN=dns:" + hostname + ",dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", tmp.toString(),
                "-storepass:env", "FACTEUR_KEYSTORE_SECRET", "-keypass:env", "FACTEUR_KEYSTORE_SECRET");
        pb.environment().put("FACTEUR_KEYSTORE_SECRET", secret);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not create a self-signed certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the certificate", e);
        }
        Files.writeString(secretFile, secret, StandardCharsets.UTF_8);
        restrict(secretFile);
        Files.move(tmp, keystore);
        restrict(keystore);
        LOG.info("Generated a self-signed TLS certificate for {} in {}", hostname, keystore);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Could not restrict permissions of {}", file);
        }
    }

    /** The inner XML of a James {@code <tls>} element. */
    public String jamesXml() {
        return jamesXml;
    }

    public boolean selfSigned() {
        return selfSigned;
    }

    public Path certificateFile() {
        return certificateFile;
    }
}
