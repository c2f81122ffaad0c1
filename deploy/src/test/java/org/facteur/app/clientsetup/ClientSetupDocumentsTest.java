package org.facteur.app.clientsetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ClientSetupDocumentsTest {
    static final MailAccount.Servers SERVERS = new MailAccount.Servers("mail.example.org", 993, 143, 587, 465);

    @Test
    void thunderbirdGetsImapOverTlsFirstAndBothSubmissionPortsWithTheAddressAsLogin() throws Exception {
        Document config = ClientConfigDocuments.xml(ThunderbirdConfig.xml(MailAccount.of("Alice@Example.ORG", SERVERS)));
        assertThat(config.getDocumentElement().getLocalName()).isEqualTo("clientConfig");
        assertThat(config.getDocumentElement().getAttribute("version")).isEqualTo("1.1");
        assertThat(ClientConfigDocuments.elements(config, "emailProvider").get(0)).containsEntry("domain", "example.org");
        List<Map<String, String>> incoming = ClientConfigDocuments.elements(config, "incomingServer");
        assertThat(incoming).containsExactly(
                server("imap", "993", "SSL"), server("imap", "143", "STARTTLS"));
        assertThat(ClientConfigDocuments.elements(config, "outgoingServer")).containsExactly(
                server("smtp", "465", "SSL"), server("smtp", "587", "STARTTLS"));
    }

    private static Map<String, String> server(String type, String port, String socketType) {
        return Map.of("@type", type, "hostname", "mail.example.org", "port", port, "socketType", socketType,
                "authentication", "password-cleartext", "username", "%EMAILADDRESS%");
    }

    @Test
    void outlookNamesTheAddressInEMailAddressAndGetsImapAndSmtpOverTls() throws Exception {
        String request = """
                <?xml version="1.0" encoding="utf-8"?>
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
                  <Request>
                    <EMailAddress>alice@example.org</EMailAddress>
                    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
                  </Request>
                </Autodiscover>
                """;
        String address = OutlookAutodiscover.requestedAddress(request.getBytes(StandardCharsets.UTF_8));
        assertThat(address).isEqualTo("alice@example.org");
        Document answer = ClientConfigDocuments.xml(OutlookAutodiscover.xml(MailAccount.of(address, SERVERS)));
        assertThat(answer.getDocumentElement().getNamespaceURI()).isEqualTo(OutlookAutodiscover.RESPONSE_SCHEMA);
        assertThat(answer.getElementsByTagNameNS(OutlookAutodiscover.OUTLOOK_SCHEMA, "Account").getLength()).isEqualTo(1);
        assertThat(ClientConfigDocuments.elements(answer, "Account").get(0)).containsEntry("AccountType", "email")
                .containsEntry("Action", "settings");
        assertThat(ClientConfigDocuments.elements(answer, "Protocol")).containsExactly(
                protocol("IMAP", "993"), protocol("SMTP", "465"));
    }

    private static Map<String, String> protocol(String type, String port) {
        return Map.of("Type", type, "Server", "mail.example.org", "Port", port, "DomainRequired", "off",
                "LoginName", "alice@example.org", "SPA", "off", "SSL", "on", "AuthRequired", "on");
    }

    @Test
    void anAutodiscoverBodyWithoutAddressOrWithADoctypeIsABadRequest() {
        for (String body : List.of("", "not xml", "<Autodiscover><Request/></Autodiscover>",
                "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>")) {
            assertThatThrownBy(() -> OutlookAutodiscover.requestedAddress(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOf(ClientSetupException.class)
                    .hasMessage("The body must be an Autodiscover request: XML naming the address in <EMailAddress>.");
        }
    }

    @Test
    void theAppleProfileIsAPlistThatPythonReadsWithTheServersAndTheAddress() throws Exception {
        MailAccount alice = MailAccount.of("alice@example.org", SERVERS);
        Map<String, String> keys = ClientConfigDocuments.plist(AppleMailProfile.plist(alice).getBytes(StandardCharsets.UTF_8));
        assertThat(keys).containsEntry("top PayloadType", "'Configuration'").containsEntry("top PayloadVersion", "1")
                .containsEntry("mail PayloadType", "'com.apple.mail.managed'")
                .containsEntry("mail EmailAccountType", "'EmailTypeIMAP'")
                .containsEntry("mail EmailAddress", "'alice@example.org'")
                .containsEntry("mail IncomingMailServerHostName", "'mail.example.org'")
                .containsEntry("mail IncomingMailServerPortNumber", "993")
                .containsEntry("mail IncomingMailServerUseSSL", "True")
                .containsEntry("mail IncomingMailServerUsername", "'alice@example.org'")
                .containsEntry("mail OutgoingMailServerHostName", "'mail.example.org'")
                .containsEntry("mail OutgoingMailServerPortNumber", "465")
                .containsEntry("mail OutgoingMailServerUseSSL", "True")
                .containsEntry("mail OutgoingPasswordSameAsIncomingPassword", "True");
        // the same address gives the same UUIDs (installing again replaces the account), another address others
        Map<String, String> again = ClientConfigDocuments.plist(AppleMailProfile.plist(alice).getBytes(StandardCharsets.UTF_8));
        Map<String, String> bob = ClientConfigDocuments.plist(
                AppleMailProfile.plist(MailAccount.of("bob@example.org", SERVERS)).getBytes(StandardCharsets.UTF_8));
        assertThat(again.get("top PayloadUUID")).isEqualTo(keys.get("top PayloadUUID"));
        assertThat(bob.get("top PayloadUUID")).isNotEqualTo(keys.get("top PayloadUUID"));
        assertThat(keys.get("mail PayloadUUID")).isNotEqualTo(keys.get("top PayloadUUID"));
    }

    @Test
    void markupCharactersOfAnAddressStayText() throws Exception {
        MailAccount odd = MailAccount.of("o'neil&co@example.org", SERVERS);
        Map<String, String> keys = ClientConfigDocuments.plist(AppleMailProfile.plist(odd).getBytes(StandardCharsets.UTF_8));
        assertThat(keys.get("mail EmailAddress")).isEqualTo("\"o'neil&co@example.org\"");
        Document outlook = ClientConfigDocuments.xml(OutlookAutodiscover.xml(odd));
        assertThat(ClientConfigDocuments.elements(outlook, "Protocol").get(0).get("LoginName")).isEqualTo("o'neil&co@example.org");
    }

    @Test
    void whatIsNotAnAddressIsRefusedInOneSentence() {
        for (String raw : List.of("alice", "alice@", "@example.org", "alice@localhost", "a b@example.org",
                "alice@[127.0.0.1]", "\"<b>\"@example.org", "alice@example..org", ".alice@example.org", "alice@-x.org")) {
            assertThatThrownBy(() -> MailAccount.of(raw, SERVERS)).describedAs(raw).isInstanceOf(ClientSetupException.class)
                    .hasMessage("'" + raw + "' is not an email address such as you@example.org.");
        }
        assertThatThrownBy(() -> MailAccount.of(" ", SERVERS)).hasMessageContaining("emailaddress=you@example.org");
        assertThat(MailAccount.of("Alice@Example.ORG", SERVERS).address()).isEqualTo("Alice@example.org");
        assertThat(MailAccount.of("élodie@example.org", SERVERS).domain()).isEqualTo("example.org");
    }
}
