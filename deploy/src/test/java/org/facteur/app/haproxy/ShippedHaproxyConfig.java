package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.FacteurProcess;

/**
 * {@code deploy/haproxy/haproxy.cfg} as shipped, and the changes a test makes to it: a certificate of its own, and
 * (to run it) loopback addresses and free ports. Every change must find what it replaces, so that a change to the
 * shipped file that the tests no longer follow fails them instead of testing something else.
 */
final class ShippedHaproxyConfig {
    static final Path FILE = FacteurProcess.ROOT.resolve("deploy/haproxy/haproxy.cfg");
    static final String SHIPPED_CERTIFICATE = "/etc/haproxy/certs/facteur.pem";
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private String text;

    private ShippedHaproxyConfig(String text) {
        this.text = text;
    }

    static ShippedHaproxyConfig read() throws IOException {
        return new ShippedHaproxyConfig(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    String text() {
        return text;
    }

    /** Replaces every occurrence of {@code literal}, which must occur. */
    ShippedHaproxyConfig replace(String literal, String replacement) {
        assertThat(text).as("the shipped haproxy.cfg contains '%s'", literal).contains(literal);
        text = text.replace(literal, replacement);
        return this;
    }

    /** Replaces every match of {@code regex} (multi-line mode), which must match at least once. */
    ShippedHaproxyConfig replaceAll(String regex, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("the shipped haproxy.cfg matches %s", regex).isTrue();
        text = m.replaceAll(r -> Matcher.quoteReplacement(replacement.apply(m)));
        return this;
    }

    ShippedHaproxyConfig withCertificate(Path pem) {
        return replace("crt " + SHIPPED_CERTIFICATE, "crt " + pem);
    }

    Path writeTo(Path dir) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
        return cfg;
    }

    /** A self-signed certificate and its key in one PEM file, as HAProxy's "crt" wants it (made by openssl). */
    static Path selfSignedPem(Path dir) throws IOException, InterruptedException {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-days", "2", "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl: %s", out).isZero();
        Path pem = dir.resolve("facteur.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        return pem;
    }

    /** Runs {@code haproxy -c -f FILE}; returns its exit code and output. */
    static FacteurProcess.Result check(Path cfg) throws IOException, InterruptedException {
        assertThat(HAPROXY).as("HAProxy is installed (Debian package haproxy)").isExecutable();
        Process p = new ProcessBuilder(List.of(HAPROXY.toString(), "-c", "-f", cfg.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new FacteurProcess.Result(p.exitValue(), out, "");
    }
}
