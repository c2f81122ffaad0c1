package org.facteur.mailserver.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A DKIM signer that is not ours: dkimpy (Debian's {@code python3-dkim}) signs with an RSA key made here, whose public
 * half the test publishes ({@link #txtRecord()}).
 */
public final class DkimpySigner {
    private static final String SCRIPT = """
            import sys, dkim
            msg = open(sys.argv[1], 'rb').read()
            key = open(sys.argv[2], 'rb').read()
            sig = dkim.sign(msg, sys.argv[3].encode(), sys.argv[4].encode(), key,
                            canonicalize=(sys.argv[5].encode(), sys.argv[6].encode()),
                            include_headers=[b'from', b'to', b'subject', b'date', b'message-id'])
            sys.stdout.buffer.write(sig)
            """;
    private final KeyPair keys;

    public DkimpySigner() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key record to publish at {@code <selector>._domainkey.<domain>}. */
    public String txtRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The message with dkimpy's DKIM-Signature on top; {@code canon} such as {@code relaxed/simple}. */
    public byte[] sign(byte[] message, String selector, String domain, String canon) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dkimpy-sign");
        try {
            Path msg = Files.write(dir.resolve("message.eml"), message);
            Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path script = Files.writeString(dir.resolve("sign.py"), SCRIPT);
            String[] c = canon.split("/");
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), msg.toString(), key.toString(), selector, domain,
                    c[0], c[1]).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] signature = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || signature.length == 0) {
                throw new IllegalStateException("dkimpy could not sign");
            }
            byte[] signed = new byte[signature.length + message.length];
            System.arraycopy(signature, 0, signed, 0, signature.length);
            System.arraycopy(message, 0, signed, signature.length, message.length);
            return signed;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
