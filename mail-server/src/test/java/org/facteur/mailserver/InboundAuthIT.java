package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;
import org.facteur.mailserver.inbound.DkimpySigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPF, DKIM and DMARC on the MX against a real DNS server (dnsmasq, started here on a free high port behind
 * FACTEUR_DNS_SERVERS), with mail sent over SMTP from 127.0.0.2 (127.0.0.1, local programs, is exempt by default).
 * The DKIM signature of the passing message is made by dkimpy, not by Facteur.
 */
class InboundAuthIT {
    private static final String CLIENT = "127.0.0.2";
    private static final DkimpySigner SIGNER = new DkimpySigner();
    private static final Dnsmasq DNS = startDns();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> TestMailServers.settings(dir)
            .withDnsServers(DnsServers.parse(DNS.server())));

    private static Dnsmasq startDns() {
        Map<String, String> txt = new LinkedHashMap<>();
        for (String d : List.of("reject.test", "quarantine.test", "signed.test")) {
            txt.put(d, "v=spf1 -all");
        }
        txt.put("_dmarc.reject.test", "v=DMARC1; p=reject");
        txt.put("_dmarc.quarantine.test", "v=DMARC1; p=quarantine");
        txt.put("_dmarc.signed.test", "v=DMARC1; p=reject; adkim=s");
        txt.put("sel._domainkey.signed.test", SIGNER.txtRecord());
        txt.put("allowed.test", "v=spf1 ip4:" + CLIENT + " -all");
        txt.put("_dmarc.allowed.test", "v=DMARC1; p=none");
        txt.put("mx.sender.test", "v=spf1 ip4:" + CLIENT + " -all");
        try {
            return Dnsmasq.start(List.of("test"), txt);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopDns() throws InterruptedException {
        DNS.close();
    }

    @Test
    void spfFailsAndDmarcRejectsSoTheMessageIsRefusedAtTheEndOfData() throws Exception {
        String reply = send(CLIENT, "ceo@reject.test", message("ceo@reject.test", "Wire transfer " + UUID.randomUUID()));
        assertThat(reply).startsWith("550 5.7.1 Refused: the message is from reject.test").contains("DMARC p=reject");
    }

    @Test
    void dmarcQuarantineFailureIsFiledInJunk() throws Exception {
        String subject = "Quarantined " + UUID.randomUUID();
        assertThat(send(CLIENT, "news@quarantine.test", message("news@quarantine.test", subject))).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                mail.client().subjects(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "Junk").contains(subject));
        assertThat(mail.client().subjects(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX")).doesNotContain(subject);
    }

    @Test
    void aMessageSignedByDkimpyFromARejectDomainIsDeliveredWithDmarcPass() throws Exception {
        String subject = "Signed " + UUID.randomUUID();
        byte[] signed = SIGNER.sign(message("billing@signed.test", subject), "sel", "signed.test", "relaxed/simple");
        assertThat(send(CLIENT, "billing@signed.test", signed)).startsWith("250");
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
        String results = authenticationResults(delivered);
        assertThat(results).startsWith("Authentication-Results: mail.facteur.test;")
                .contains("spf=fail smtp.mailfrom=billing@signed.test")
                .contains("dkim=pass header.d=signed.test header.s=sel header.a=rsa-sha256")
                .contains("dmarc=pass (p=reject dis=none) header.from=signed.test");
        // on top of what arrived (delivery then adds Delivered-To and Return-Path above it)
        assertThat(delivered.indexOf("Authentication-Results:")).as("on top").isLessThan(delivered.indexOf("Received:"))
                .isLessThan(delivered.indexOf("DKIM-Signature:"));
    }

    @Test
    void aForgedAuthenticationResultsClaimingThisServerIsRemovedAndOthersAreKept() throws Exception {
        String subject = "Forged " + UUID.randomUUID();
        byte[] forged = ("Authentication-Results: MAIL.facteur.test; dkim=pass header.d=bank.test;\r\n\tdmarc=pass header.from=bank.test\r\n"
                + "Authentication-Results: relay.elsewhere.example; spf=pass smtp.mailfrom=x@allowed.test\r\n"
                + new String(message("info@allowed.test", subject), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(send(CLIENT, "info@allowed.test", forged)).startsWith("250");
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
        assertThat(delivered).doesNotContain("bank.test").contains("Authentication-Results: relay.elsewhere.example; spf=pass");
        assertThat(delivered.split("Authentication-Results: mail.facteur.test", -1)).as("exactly one of ours").hasSize(2);
        assertThat(authenticationResults(delivered)).contains("spf=pass smtp.mailfrom=info@allowed.test")
                .contains("dkim=none").contains("dmarc=pass (p=none dis=none) header.from=allowed.test");
    }

    @Test
    void aBounceWithTheNullSenderIsCheckedOnItsHeloName() throws Exception {
        String subject = "Bounce " + UUID.randomUUID();
        assertThat(send(CLIENT, "", message("mailer-daemon@mx.sender.test", subject))).startsWith("250");
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
        assertThat(authenticationResults(delivered)).contains("spf=pass smtp.helo=mx.sender.test")
                .contains("dmarc=none header.from=mx.sender.test");
    }

    @Test
    void localProgramsOn127001AreNotChecked() throws Exception {
        String subject = "Local " + UUID.randomUUID();
        assertThat(send("127.0.0.1", "ceo@reject.test", message("ceo@reject.test", subject))).startsWith("250");
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
        assertThat(delivered).doesNotContain("Authentication-Results");
    }

    /** The first header field, unfolded. */
    private static String authenticationResults(String message) {
        int start = message.indexOf("Authentication-Results: mail.facteur.test");
        assertThat(start).as("our Authentication-Results").isNotNegative();
        StringBuilder field = new StringBuilder();
        for (String line : message.substring(start).split("\r\n")) {
            if (field.length() > 0 && !line.startsWith("\t") && !line.startsWith(" ")) {
                break;
            }
            field.append(field.length() > 0 ? " " + line.strip() : line);
        }
        return field.toString();
    }

    static byte[] message(String from, String subject) {
        return ("From: <" + from + ">\r\nTo: <alice@example.org>\r\nSubject: " + subject + "\r\n"
                + "Date: Wed, 02 Dec 2026 02:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Hello Alice,\r\n\r\nthe body  with  spaces.   \r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One SMTP transaction from {@code client}; the reply to the end of DATA. */
    static String send(String client, String mailFrom, byte[] message) throws IOException {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp(), client)) {
            smtp.reply();
            assertThat(smtp.command("EHLO mx.sender.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + mailFrom + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes(message);
            return smtp.command(".");
        }
    }
}
