package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.facteur;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.Gpg;
import org.facteur.mailserver.dns.Dnsmasq;
import org.facteur.mailserver.outbound.TestCertificates;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.wkd.WebKeyDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Keys from the recipient domain's Web Key Directory (issue #12, "Writing"), in real Chromium against the packaged
 * Facteur: dana@wkd.test publishes her key at {@code https://openpgpkey.wkd.test/.well-known/openpgpkey/wkd.test/hu/…}
 * (a local HTTPS server on port 443 of 127.0.0.52, its certificate from a test CA given as
 * {@code FACTEUR_OUTBOUND_CA_FILE}, the name resolved by the test's dnsmasq as {@code FACTEUR_DNS_SERVERS},
 * {@code FACTEUR_OUTBOUND_WKD_LOOKUP=any} since the directory is on loopback). Alice writes to dana: the page says
 * no key is known and asks nothing of the directory until she presses "Look up"; then the key is found, the line
 * turns to "key known", Encrypt ticks itself, and the copy dana's server (GreenMail, through {@code FACTEUR_ROUTES})
 * receives is {@code multipart/encrypted}, which Debian's gpg opens with dana's secret key. A directory without a key
 * for an address says so, and nothing changes. Binding port 443 needs root, as these test machines run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeWkdBrowserIT {
    static final String DANA = "dana@wkd.test";
    static final String DANA_PASSPHRASE = "les clés de dana";
    static final String ALICE_PASSPHRASE = "le jardin d'alice";
    static final String TYPED = "Le local est ouvert samedi, la clé est chez le voisin.\nAlice";
    static final List<String> asked = new CopyOnWriteArrayList<>();
    static GeneratedKey danaKey;
    static HttpsServer directory;
    static Dnsmasq dns;
    static GreenMail remote;
    static Gpg danasGpg;

    @BeforeAll
    static void start() throws Exception {
        danaKey = new OpenPgp().generateKey(KeySpec.forMailbox("Dana", DANA), DANA_PASSPHRASE.toCharArray());
        TestCertificates ca = TestCertificates.authority("Facteur WKD browser test CA");
        Path caFile = ca.writePem(Files.createTempDirectory("wkd-ca").resolve("ca.pem"));
        byte[] published = WebKeyDirectory.publishedKey(danaKey.secretKey().certificate(), DANA);
        String danasPath = WebKeyDirectory.advancedPath(DANA);
        directory = HttpsServer.create(new InetSocketAddress("127.0.0.52", 443), 10);
        directory.setHttpsConfigurator(new HttpsConfigurator(ca.issue("openpgpkey.wkd.test").serverContext()));
        directory.createContext("/.well-known/openpgpkey/", exchange -> {
            String wanted = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
            asked.add(wanted);
            boolean hers = wanted.equals(danasPath);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(hers ? 200 : 404, hers ? published.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (hers) {
                    out.write(published);
                }
            }
        });
        directory.start();
        dns = Dnsmasq.start(List.of("test"), Map.of(), 0, List.of("--host-record=openpgpkey.wkd.test,127.0.0.52"));
        remote = new GreenMail(new ServerSetup(FacteurProcess.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        WebmailBrowserIT.start(Map.of("FACTEUR_DNS_SERVERS", dns.server(), "FACTEUR_OUTBOUND_CA_FILE", caFile.toString(),
                "FACTEUR_OUTBOUND_WKD_LOOKUP", "any", "FACTEUR_ROUTES", "wkd.test=127.0.0.1:" + remote.getSmtp().getPort()));
        assertThat(facteur.admin("pgp", "enable", ALICE, "--passphrase", ALICE_PASSPHRASE).exitCode()).isZero();
        danasGpg = new Gpg();
        Gpg.Result imported = danasGpg.run(danaKey.secretKey().armored().getBytes(StandardCharsets.US_ASCII), DANA_PASSPHRASE,
                "--import");
        assertThat(imported.exit()).as(imported.toString()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (danasGpg != null) {
            danasGpg.close();
        }
        WebmailBrowserIT.stop();
        if (remote != null) {
            remote.stop();
        }
        if (dns != null) {
            dns.close();
        }
        if (directory != null) {
            directory.stop(0);
        }
    }

    @Test
    @Order(1)
    void danasKeyIsFoundInHerDirectoryOnRequestAndTheMessageSheReceivesOpensWithIt() throws Exception {
        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        browser.findElement(By.id("to")).sendKeys(DANA);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recipient-keys li.no-key"),
                DANA + ": no key known"));
        assertThat(browser.findElement(By.id("encrypt")).isSelected()).isFalse();
        assertThat(asked).as("nothing is asked of a directory before she presses the button").isEmpty();

        browser.findElement(By.cssSelector("#recipient-keys li.no-key button.wkd-lookup")).click();
        String fingerprint = danaKey.secretKey().certificate().fingerprint();
        waiting().until(ExpectedConditions.textToBe(By.id("wkd-result"),
                "Key found in the Web Key Directory of wkd.test: " + fingerprint));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recipient-keys li.has-key"),
                DANA + ": key known, can be encrypted"));
        waiting().until(ExpectedConditions.elementToBeSelected(By.id("encrypt")));
        assertThat(browser.findElement(By.id("pgp-warning")).isDisplayed()).isFalse();
        assertThat(asked).containsExactly(WebKeyDirectory.advancedPath(DANA));
        WebmailBrowserIT.screenshots("compose-wkd");

        browser.findElement(By.id("subject")).sendKeys("Samedi");
        browser.findElement(By.id("body")).sendKeys(TYPED);
        browser.findElement(By.cssSelector(".actions button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Message sent."));

        await().atMost(Duration.ofSeconds(60)).until(() -> remote.getReceivedMessages().length >= 1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        remote.getReceivedMessages()[0].writeTo(raw);
        byte[] danasCopy = raw.toByteArray();
        String stored = new String(danasCopy, StandardCharsets.ISO_8859_1);
        assertThat(new MimeMessage(mail.session(), new ByteArrayInputStream(danasCopy)).isMimeType("multipart/encrypted"))
                .as(stored).isTrue();
        assertThat(stored).doesNotContain("voisin");
        assertThat(ComposeEncryptedBrowserIT.decryptedText(danasGpg, DANA_PASSPHRASE, danasCopy)).isEqualTo(TYPED);
    }

    @Test
    @Order(2)
    void aDirectoryWithoutAKeyForTheAddressSaysSoAndNothingChanges() throws Exception {
        String nobody = "nobody@wkd.test";
        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        browser.findElement(By.id("to")).sendKeys(nobody);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recipient-keys li.no-key"),
                nobody + ": no key known"));
        browser.findElement(By.cssSelector("#recipient-keys li.no-key button.wkd-lookup")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("wkd-result"),
                "wkd.test publishes no OpenPGP key for this address in its Web Key Directory."));
        assertThat(asked).contains(WebKeyDirectory.advancedPath(nobody));
        assertThat(browser.findElement(By.cssSelector("#recipient-keys li")).getAttribute("class")).isEqualTo("no-key");
        assertThat(browser.findElement(By.id("encrypt")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("pgp-warning")).getText()).contains(nobody);
    }
}
