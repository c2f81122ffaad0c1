package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.dkim.Dkimpy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance, as a user runs it: the packaged Facteur sends alice's mail to a remote server
 * (GreenMail, reached through {@code FACTEUR_ROUTES}); dkimpy accepts both signatures with the TXT records that
 * {@code ./facteur admin dns} printed, and refuses both once one body byte changed.
 */
class DkimIT {
    @TempDir
    static Path data;
    static GreenMail remote;
    static FacteurProcess facteur;

    @BeforeAll
    static void start() throws Exception {
        remote = new GreenMail(new ServerSetup(FacteurProcess.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        facteur = new FacteurProcess(data, Map.of("FACTEUR_ROUTES", "remote.test=127.0.0.1:" + remote.getSmtp().getPort()))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (facteur != null) {
            facteur.close();
        }
        remote.stop();
    }

    @Test
    void mailLeavingForARemoteServerPassesDkimpyWithThePrintedRecords() throws Exception {
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        assertThat(facteur.admin("user", "add", "alice@example.org", "--password", "S3cret-pass").exitCode()).isZero();
        MailClient client = new MailClient(facteur.ports());
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "bob@remote.test", "DKIM acceptance", "One byte changes everything.\r\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> remote.getReceivedMessages().length >= 1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        remote.getReceivedMessages()[0].writeTo(raw);
        byte[] message = raw.toByteArray();

        FacteurProcess.Result dns = facteur.admin("dns", "example.org");
        assertThat(dns.exitCode()).as(dns.err()).isZero();
        Map<String, String> records = Dkimpy.txtRecords(dns.out().lines().toList());
        assertThat(records).containsKeys("example.org", "_dmarc.example.org");

        assertThat(Dkimpy.verify(message, records)).containsExactly(true, true);
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).contains("a=rsa-sha256").contains("a=ed25519-sha256");
        byte[] tampered = text.replace("One byte", "One bytE").getBytes(StandardCharsets.UTF_8);
        assertThat(Dkimpy.verify(tampered, records)).containsExactly(false, false);
    }
}
