package org.facteur.app.clientsetup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.FacteurProcess;
import org.facteur.app.RawHttp;
import org.facteur.mailserver.dns.MtaStsPolicy;
import org.facteur.mailserver.dns.NamedCheckzone;
import org.facteur.mailserver.dns.ZoneDnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Client autoconfiguration, the MTA-STS policy and {@code ./facteur admin dns} as clients and operators meet them: the
 * packaged jar, HTTP over sockets with the Host header clients send, no login and no CSRF token. IMAPS and SMTPS are
 * published on other ports than Facteur listens on (a port mapping in front of it); IMAP and submission are not.
 */
class ClientSetupIT {
    static final String OUTLOOK_REQUEST = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
              <Request>
                <EMailAddress>%s</EMailAddress>
                <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
              </Request>
            </Autodiscover>
            """;
    @TempDir
    static Path data;
    static FacteurProcess facteur;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of("FACTEUR_PUBLIC_IMAPS_PORT", "993", "FACTEUR_PUBLIC_SMTPS_PORT", "465",
                "FACTEUR_MTA_STS_MODE", "enforce", "FACTEUR_MTA_STS_MAX_AGE", "1d")).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        facteur.close();
    }

    @Test
    void thunderbirdGetsTheHostnameAndThePortsClientsReachOnBothPaths() throws Exception {
        for (RawHttp.Response answer : List.of(
                RawHttp.get(facteur.http, "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice%40example.org", "example.org"),
                RawHttp.get(facteur.http, "/mail/config-v1.1.xml?emailaddress=alice%40example.org", "autoconfig.example.org"),
                RawHttp.get(facteur.http, "/mail/config-v1.1.xml", "autoconfig.example.org"))) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.header("content-type")).startsWith("text/xml");
            assertThat(answer.header("set-cookie")).isNull();
            Document config = ClientConfigDocuments.xml(answer.text());
            assertThat(ClientConfigDocuments.elements(config, "emailProvider").get(0)).containsEntry("domain", "example.org");
            assertThat(ClientConfigDocuments.elements(config, "incomingServer")).containsExactly(
                    server("imap", 993, "SSL"), server("imap", facteur.imap, "STARTTLS"));
            assertThat(ClientConfigDocuments.elements(config, "outgoingServer")).containsExactly(
                    server("smtp", 465, "SSL"), server("smtp", facteur.submission, "STARTTLS"));
        }
    }

    private static Map<String, String> server(String type, int port, String socketType) {
        return Map.of("@type", type, "hostname", "mail.facteur.test", "port", Integer.toString(port), "socketType", socketType,
                "authentication", "password-cleartext", "username", "%EMAILADDRESS%");
    }

    @Test
    void aDomainNotServedHereIs404AndWhatIsNotAnAddress400WithASentence() throws Exception {
        RawHttp.Response unknown = RawHttp.get(facteur.http, "/mail/config-v1.1.xml?emailaddress=bob%40other.test", "autoconfig.other.test");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("Mail for other.test is not served here.\n");
        RawHttp.Response malformed = RawHttp.get(facteur.http, "/apple/mobileconfig?emailaddress=alice", "example.org");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).isEqualTo("'alice' is not an email address such as you@example.org.\n");
        RawHttp.Response none = RawHttp.get(facteur.http, "/apple/mobileconfig", "example.org");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.text()).contains("emailaddress=you@example.org");
        RawHttp.Response unknownHost = RawHttp.get(facteur.http, "/mail/config-v1.1.xml", "autoconfig.other.test");
        assertThat(unknownHost.status()).isEqualTo(404);
        // the webmail's other pages still need a login
        assertThat(RawHttp.get(facteur.http, "/mail", "example.org").status()).isEqualTo(302);
        assertThat(RawHttp.get(facteur.http, "/apple/other", "example.org").status()).isEqualTo(302);
    }

    @Test
    void outlookPostsItsRequestWithoutLoginNorCsrfAndGetsImapAndSmtpOverTls() throws Exception {
        for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml", "/AutoDiscover/AutoDiscover.xml",
                "/Autodiscover/autodiscover.xml")) {
            RawHttp.Response answer = RawHttp.send(facteur.http, "POST", path, "autodiscover.example.org", "text/xml",
                    OUTLOOK_REQUEST.formatted("alice@example.org").getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
            Document response = ClientConfigDocuments.xml(answer.text());
            assertThat(ClientConfigDocuments.elements(response, "Account").get(0)).containsEntry("AccountType", "email");
            List<Map<String, String>> protocols = ClientConfigDocuments.elements(response, "Protocol");
            assertThat(protocols).extracting(p -> p.get("Type")).containsExactly("IMAP", "SMTP");
            assertThat(protocols).extracting(p -> p.get("Port")).containsExactly("993", "465");
            assertThat(protocols).allSatisfy(p -> assertThat(p).containsEntry("Server", "mail.facteur.test")
                    .containsEntry("SSL", "on").containsEntry("LoginName", "alice@example.org"));
        }
        RawHttp.Response other = RawHttp.send(facteur.http, "POST", "/autodiscover/autodiscover.xml", "autodiscover.other.test",
                "text/xml", OUTLOOK_REQUEST.formatted("bob@other.test").getBytes(StandardCharsets.UTF_8));
        assertThat(other.status()).isEqualTo(404);
        RawHttp.Response garbage = RawHttp.send(facteur.http, "POST", "/autodiscover/autodiscover.xml", "example.org",
                "text/xml", "<Autodiscover>".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.text()).contains("<EMailAddress>");
    }

    @Test
    void theAppleProfileIsAnUnsignedPlistWithTheAppleContentType() throws Exception {
        RawHttp.Response answer = RawHttp.get(facteur.http, "/apple/mobileconfig?emailaddress=alice%40example.org", "example.org");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("application/x-apple-aspen-config");
        assertThat(answer.header("content-disposition")).contains("example.org.mobileconfig");
        Map<String, String> keys = ClientConfigDocuments.plist(answer.body());
        assertThat(keys).containsEntry("mail EmailAddress", "'alice@example.org'")
                .containsEntry("mail IncomingMailServerHostName", "'mail.facteur.test'")
                .containsEntry("mail IncomingMailServerPortNumber", "993")
                .containsEntry("mail OutgoingMailServerPortNumber", "465")
                .containsEntry("top PayloadType", "'Configuration'");
    }

    @Test
    void theMtaStsPolicyIsServedToMtaStsHostsOfServedDomainsOnly() throws Exception {
        RawHttp.Response policy = RawHttp.get(facteur.http, "/.well-known/mta-sts.txt", "mta-sts.example.org");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.header("content-type")).startsWith("text/plain");
        assertThat(policy.text()).isEqualTo("version: STSv1\r\nmode: enforce\r\nmx: mail.facteur.test\r\nmax_age: 86400\r\n");
        assertThat(RawHttp.get(facteur.http, "/.well-known/mta-sts.txt", "mta-sts.other.test").status()).isEqualTo(404);
        RawHttp.Response wrongHost = RawHttp.get(facteur.http, "/.well-known/mta-sts.txt", "example.org");
        assertThat(wrongHost.status()).isEqualTo(404);
        assertThat(wrongHost.text()).contains("mta-sts.<domain>");
    }

    @Test
    void adminDnsPrintsZoneLinesNamedCheckzoneLoadsWithThePublishedPortsAndThePolicyId() throws Exception {
        FacteurProcess.Result dns = facteur.admin("dns", "example.org");
        assertThat(dns.exitCode()).as(dns.err()).isZero();
        List<String> lines = dns.out().lines().toList();
        NamedCheckzone.Result zone = NamedCheckzone.check("example.org", lines, "mail.facteur.test");
        assertThat(zone.loaded()).as(zone.messages()).isTrue();
        String served = RawHttp.get(facteur.http, "/.well-known/mta-sts.txt", "mta-sts.example.org").text();
        String id = MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mail.facteur.test", Duration.ofDays(1)).id();
        assertThat(MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mail.facteur.test", Duration.ofDays(1)).text()).isEqualTo(served);
        assertThat(zone.canonical())
                .containsPattern("(?m)^_mta-sts\\.example\\.org\\.\\s+3600\\s+IN\\s+TXT\\s+\"v=STSv1; id=" + id + "\"$")
                .containsPattern("(?m)^_smtp\\._tls\\.example\\.org\\.\\s+3600\\s+IN\\s+TXT\\s+\"v=TLSRPTv1; rua=mailto:postmaster@example\\.org\"$")
                .containsPattern("(?m)^mta-sts\\.example\\.org\\.\\s+3600\\s+IN\\s+CNAME\\s+mail\\.facteur\\.test\\.$")
                .containsPattern("(?m)^autoconfig\\.example\\.org\\.\\s+3600\\s+IN\\s+CNAME\\s+mail\\.facteur\\.test\\.$")
                .containsPattern("(?m)^autodiscover\\.example\\.org\\.\\s+3600\\s+IN\\s+CNAME\\s+mail\\.facteur\\.test\\.$")
                .containsPattern("(?m)^_autodiscover\\._tcp\\.example\\.org\\.\\s+3600\\s+IN\\s+SRV\\s+0 1 443 mail\\.facteur\\.test\\.$")
                .containsPattern("(?m)^_imaps\\._tcp\\.example\\.org\\.\\s+3600\\s+IN\\s+SRV\\s+0 1 993 mail\\.facteur\\.test\\.$")
                .containsPattern("(?m)^_submission\\._tcp\\.example\\.org\\.\\s+3600\\s+IN\\s+SRV\\s+0 1 " + facteur.submission
                        + " mail\\.facteur\\.test\\.$");
        Matcher printedId = Pattern.compile("id=([0-9a-f]+)").matcher(dns.out());
        assertThat(printedId.find()).isTrue();
        assertThat(printedId.group(1)).isEqualTo(id);
    }

    @Test
    void adminDnsCheckResolvesThroughFacteurDnsServersAndSaysWhatIsMissingOrDifferent() throws Exception {
        List<String> printed = facteur.admin("dns", "example.org").out().lines().toList();
        List<String> complete = new ArrayList<>(printed);
        complete.add("mail.facteur.test. 3600 IN A 192.0.2.25");
        try (ZoneDnsmasq dns = ZoneDnsmasq.serving("example.org", complete)) {
            FacteurProcess.Result check = facteur.admin(Map.of("FACTEUR_DNS_SERVERS", dns.address()), "dns", "example.org", "--check");
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            assertThat(check.out()).contains("OK         _mta-sts.example.org. TXT").contains("are published as printed.");
        }
        List<String> partial = new ArrayList<>(List.of("mail.facteur.test. 3600 IN A 192.0.2.25"));
        for (String line : printed) {
            if (!line.startsWith("_smtp._tls.")) {
                partial.add(line.replace("p=none", "p=quarantine"));
            }
        }
        try (ZoneDnsmasq dns = ZoneDnsmasq.serving("example.org", partial)) {
            FacteurProcess.Result check = facteur.admin(Map.of("FACTEUR_DNS_SERVERS", dns.address()), "dns", "example.org", "--check");
            assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(1);
            assertThat(check.out())
                    .contains("MISSING    _smtp._tls.example.org. TXT: not published; publish \"v=TLSRPTv1; rua=mailto:postmaster@example.org\"")
                    .contains("DIFFERENT  _dmarc.example.org. TXT: published \"v=DMARC1; p=quarantine")
                    .contains("OK         example.org. MX")
                    .contains("2 of ");
        }
        FacteurProcess.Result bad = facteur.admin(Map.of("FACTEUR_DNS_SERVERS", "127.0.0.1:0"), "dns", "example.org", "--check");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("FACTEUR_DNS_SERVERS: '127.0.0.1:0' is not host[:port]");
    }
}
