package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAProxy's own validator accepts the shipped configuration, and refuses a broken copy of it (the check is real). */
class HaproxyConfigTest {
    @TempDir
    Path dir;

    @Test
    void haproxyAcceptsTheShippedConfigurationWithACertificateInPlace() throws Exception {
        Path pem = ShippedHaproxyConfig.selfSignedPem(dir);
        Path cfg = ShippedHaproxyConfig.read().withCertificate(pem).writeTo(dir);
        FacteurProcess.Result check = ShippedHaproxyConfig.check(cfg);
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("Configuration file is valid");
    }

    @Test
    void haproxyRefusesTheConfigurationWhenABackendLosesItsServers() throws Exception {
        Path pem = ShippedHaproxyConfig.selfSignedPem(dir);
        Path cfg = ShippedHaproxyConfig.read().withCertificate(pem)
                .replace("default_backend smtp_nodes", "default_backend no_such_backend").writeTo(dir);
        FacteurProcess.Result check = ShippedHaproxyConfig.check(cfg);
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.out()).contains("no_such_backend");
    }

    @Test
    void everyMailBackendSendsTheProxyProtocolAndIsChecked() throws Exception {
        String text = ShippedHaproxyConfig.read().text();
        for (String backend : new String[] {"smtp_nodes", "submission_nodes", "submissions_nodes", "imap_nodes", "imaps_nodes"}) {
            String section = text.substring(text.indexOf("backend " + backend));
            int next = section.indexOf("\nfrontend ", 1);
            section = next < 0 ? section : section.substring(0, next);
            assertThat(section.lines().filter(l -> l.strip().startsWith("server ")))
                    .as(backend).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(l -> l.contains(" send-proxy-v2") && l.contains(" check"));
        }
        assertThat(text).contains("option httpchk GET /health").contains("option forwardfor")
                .contains("X-Forwarded-Proto https");
        assertThat(Files.readString(ShippedHaproxyConfig.FILE)).doesNotContain("send-proxy ");
    }
}
