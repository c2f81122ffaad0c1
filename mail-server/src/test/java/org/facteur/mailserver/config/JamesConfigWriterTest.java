package org.facteur.mailserver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamesConfigWriterTest {
    private static final ServerAddresses ADDRESSES = ServerAddresses.of("mail.example.org", Optional.empty(), List.of("example.org"));

    @TempDir
    Path data;

    private MailServerSettings settings(MailServerSettings.Outbound outbound) {
        return new MailServerSettings(data, "mail.example.org", "0.0.0.0",
                new MailServerSettings.Ports(2525, 2587, 2465, 2143, 2993), MailServerSettings.Tls.selfSigned(),
                TestMailServers.LIMITS, outbound, 8, TestMailServers.LISTS);
    }

    private static MailServerSettings.Outbound direct() {
        return new MailServerSettings.Outbound(Optional.empty(), List.of(), List.of(Duration.ofMinutes(5)), 5, true);
    }

    @Test
    void everyGeneratedFileIsWellFormedXmlWithNoPlaceholderLeft() throws Exception {
        MailServerSettings s = settings(new MailServerSettings.Outbound(
                Optional.of(MailServerSettings.HostPort.parse("relay.example.net:587")),
                List.of(new MailServerSettings.Route("partner.org", MailServerSettings.HostPort.parse("10.0.0.5:2525"))),
                List.of(Duration.ofMinutes(1)), 3, true));
        JamesConfigWriter.write(s, fakeTls(), ADDRESSES);
        for (String file : JamesConfigWriter.FILES) {
            Path p = s.confDir().resolve(file);
            String text = Files.readString(p);
            assertThat(text).as(file).doesNotContain("${");
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
        }
    }

    @Test
    void relayHasOneRemoteDeliveryPerRouteWithItsOwnQueueThenTheDefault() {
        String xml = JamesConfigWriter.relayMailets(new MailServerSettings.Outbound(
                Optional.of(MailServerSettings.HostPort.parse("relay.example.net:587")),
                List.of(new MailServerSettings.Route("partner.org", MailServerSettings.HostPort.parse("10.0.0.5:2525"))),
                List.of(Duration.ofSeconds(30), Duration.ofMinutes(5)), 4, false));
        assertThat(xml).contains("match=\"HostIs=partner.org\"", "<outgoing>outgoing-route-partner.org</outgoing>",
                "<gateway>10.0.0.5</gateway>", "<gatewayPort>2525</gatewayPort>",
                "match=\"All\"", "<outgoing>outgoing-smarthost</outgoing>", "<gateway>relay.example.net</gateway>",
                "<delayTime>30000, 300000</delayTime>", "<maxRetries>4</maxRetries>", "<bounceProcessor>bounces</bounceProcessor>");
        assertThat(xml.indexOf("HostIs=partner.org")).isLessThan(xml.indexOf("match=\"All\""));
    }

    @Test
    void outboundQueuesAreTheMxAndMtaStsOnesOrTheSmarthostsAndOnePerRoutedDomain() {
        MailServerSettings.Outbound direct = new MailServerSettings.Outbound(Optional.empty(),
                List.of(new MailServerSettings.Route("Partner.org", MailServerSettings.HostPort.parse("10.0.0.5:2525")),
                        new MailServerSettings.Route("other.org", MailServerSettings.HostPort.parse("10.0.0.6"))),
                List.of(Duration.ofSeconds(30)), 4, false);
        assertThat(JamesConfigWriter.outboundQueues(direct)).containsExactlyInAnyOrder("outgoing", "outgoing-mta-sts",
                "outgoing-route-partner.org", "outgoing-route-other.org");
        MailServerSettings.Outbound smarthost = new MailServerSettings.Outbound(
                Optional.of(MailServerSettings.HostPort.parse("relay.example.net:587")), List.of(),
                List.of(Duration.ofSeconds(30)), 4, false);
        assertThat(JamesConfigWriter.outboundQueues(smarthost)).containsExactly("outgoing-smarthost");
        assertThat(JamesConfigWriter.relayMailets(smarthost)).contains("<outgoing>outgoing-smarthost</outgoing>")
                .doesNotContain("<outgoing>outgoing</outgoing>");
        assertThat(JamesConfigWriter.relayMailets(direct)).contains("<outgoing>outgoing</outgoing>");
    }

    @Test
    void aDomainRoutedTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MailServerSettings.Outbound(Optional.empty(),
                List.of(new MailServerSettings.Route("partner.org", MailServerSettings.HostPort.parse("10.0.0.5")),
                        new MailServerSettings.Route("PARTNER.org", MailServerSettings.HostPort.parse("10.0.0.6"))),
                List.of(Duration.ofSeconds(30)), 4, false)).hasMessageContaining("routed twice");
    }

    @Test
    void startTlsIsOpportunisticLikePostfixMayWithoutCheckingTheRemoteCertificate() {
        assertThat(JamesConfigWriter.relayMailets(direct())).contains("<startTLS>true</startTLS>",
                "<verifyServerIdentity>false</verifyServerIdentity>", "<mail.smtp.ssl.trust>*</mail.smtp.ssl.trust>");
        String clear = JamesConfigWriter.relayMailets(new MailServerSettings.Outbound(Optional.empty(), List.of(),
                List.of(Duration.ofMinutes(5)), 5, false));
        assertThat(clear).contains("<startTLS>false</startTLS>").doesNotContain("ssl.trust");
    }

    @Test
    void mailForMtaStsEnforceDomainsLeavesThroughItsOwnAuthenticatedRemoteDeliveryWhenFacteurLooksUpMxes() throws Exception {
        MailServerSettings.Outbound out = new MailServerSettings.Outbound(Optional.empty(),
                List.of(new MailServerSettings.Route("partner.org", MailServerSettings.HostPort.parse("10.0.0.5:2525"))),
                List.of(Duration.ofMinutes(5)), 5, false);
        String relay = JamesConfigWriter.relayMailets(out);
        assertThat(relay.indexOf("HostIs=partner.org")).isLessThan(relay.indexOf("IsMtaStsEnforced"));
        assertThat(relay.indexOf("IsMtaStsEnforced")).isLessThan(relay.indexOf("match=\"All\""));
        String processor = JamesConfigWriter.mtaStsProcessor(out);
        assertThat(processor).contains("<processor state=\"mta-sts\"", "<outgoing>outgoing-mta-sts</outgoing>",
                "<startTLS>true</startTLS>", "<verifyServerIdentity>true</verifyServerIdentity>",
                "<mail.smtp.starttls.required>true</mail.smtp.starttls.required>",
                "<mail.smtp.ssl.socketFactory.class>org.facteur.mailserver.outbound.OutboundTrustSocketFactory<",
                "<bounceProcessor>bounces</bounceProcessor>").doesNotContain("ssl.trust", "<gateway>");
        MailServerSettings.Outbound smarthost = new MailServerSettings.Outbound(
                Optional.of(MailServerSettings.HostPort.parse("relay.example.net:587")), List.of(), List.of(Duration.ofMinutes(5)), 5, true);
        assertThat(JamesConfigWriter.relayMailets(smarthost)).doesNotContain("IsMtaStsEnforced");
        assertThat(JamesConfigWriter.mtaStsProcessor(smarthost)).isEmpty();
    }

    /** James loads these by name when it starts: a renamed or moved class would only fail there. */
    @Test
    void everyFacteurClassNamedInTheGeneratedConfigurationExists() throws Exception {
        MailServerSettings s = settings(direct());
        JamesConfigWriter.write(s, fakeTls(), ADDRESSES);
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("org\\.facteur\\.[A-Za-z0-9_.]+");
        for (String file : JamesConfigWriter.FILES) {
            java.util.regex.Matcher m = named.matcher(Files.readString(s.confDir().resolve(file)));
            while (m.find()) {
                names.add(m.group());
            }
        }
        assertThat(names).contains("org.facteur.mailserver.outbound.IsMtaStsEnforced",
                "org.facteur.mailserver.outbound.OutboundTrustSocketFactory");
        for (String name : names) {
            assertThat(Class.forName(name)).as(name).isNotNull();
        }
    }

    @Test
    void portsAndHostnameAreEscapedIntoTheSmtpConfiguration() {
        Map<String, String> v = JamesConfigWriter.values(settings(direct()),
                fakeTls(), ADDRESSES);
        assertThat(v.get("tlsIdentity")).contains("<privateKey>file://").contains("<certificates>file://");
        assertThat(v.get("smtpPort")).isEqualTo("2525");
        assertThat(v.get("maxMessageSizeKb")).isEqualTo(Long.toString(25 * 1024));
        assertThat(Template.xml("a<b>&\"c")).isEqualTo("a&lt;b&gt;&amp;&quot;c");
    }

    @Test
    void everyMailListenerRequiresThePROXYProtocolFromTheTrustedProxiesOnlyWhenAskedFor() throws Exception {
        MailServerSettings plain = settings(direct());
        JamesConfigWriter.write(plain, fakeTls(), ADDRESSES);
        for (String file : new String[] {"smtpserver.xml", "imapserver.xml"}) {
            assertThat(Files.readString(plain.confDir().resolve(file))).as(file)
                    .doesNotContain("<proxyRequired>true</proxyRequired>").contains("<proxyRequired>false</proxyRequired>");
        }
        MailServerSettings proxied = plain.withTrustedProxies(org.facteur.mailserver.login.TrustedNetworks.parse("10.0.0.5, 127.0.0.0/8"))
                .withProxyProtocol(true);
        JamesConfigWriter.write(proxied, fakeTls(), ADDRESSES);
        String smtp = Files.readString(proxied.confDir().resolve("smtpserver.xml"));
        String imap = Files.readString(proxied.confDir().resolve("imapserver.xml"));
        assertThat(smtp.split("<proxyRequired>true</proxyRequired>", -1)).as("MX, submission, submissions").hasSize(4);
        assertThat(imap.split("<proxyRequired>true</proxyRequired>", -1)).as("IMAP, IMAPS").hasSize(3);
        assertThat(smtp + imap).doesNotContain("<proxyRequired>false</proxyRequired>")
                .contains("<facteurTrustedProxies>10.0.0.5, 127.0.0.0/8</facteurTrustedProxies>");
    }

    @Test
    void bouncesComeFromMailerDaemonWithFacteursTextAndThePostmasterIsOfTheServedDomain() throws Exception {
        JamesConfigWriter.write(settings(direct()), fakeTls(), ADDRESSES);
        String xml = Files.readString(data.resolve("conf/mailetcontainer.xml"));
        assertThat(xml).contains("<postmaster>postmaster@example.org</postmaster>")
                .doesNotContain("localhost");
        long bounceMailets = xml.lines().filter(l -> l.contains("class=\"DSNBounce\"") || l.contains("class=\"Bounce\"")).count();
        assertThat(bounceMailets).isEqualTo(6);
        assertThat(xml.split("<sender>MAILER-DAEMON@mail.example.org</sender>", -1)).hasSize(8); // 6 bounce mailets and OwnDsnFields
        assertThat(xml.split("<messageString>This is the mail server at mail.example.org", -1)).hasSize(6);
        assertThat(xml).contains("Votre message n'a pas pu être remis", "<message>This is the mail server at mail.example.org");
    }

    @Test
    void dkimSigningFollowsTheSettingInTheRelayProcessor() throws Exception {
        JamesConfigWriter.write(settings(direct()), fakeTls(), ADDRESSES);
        assertThat(Files.readString(data.resolve("conf/mailetcontainer.xml")))
                .contains("class=\"org.facteur.mailserver.dkim.DkimSign\">\n                <signing>true</signing>");
        MailServerSettings.Outbound unsigned = new MailServerSettings.Outbound(Optional.empty(), List.of(),
                List.of(Duration.ofMinutes(5)), 5, true, Optional.empty(), MailServerSettings.WkdLookup.PUBLIC, false);
        JamesConfigWriter.write(settings(unsigned), fakeTls(), ADDRESSES);
        assertThat(Files.readString(data.resolve("conf/mailetcontainer.xml"))).contains("<signing>false</signing>");
    }

    @Test
    void relaySignsThenHandsOverToTheRouteProcessorThatHoldsEveryNextHop() throws Exception {
        MailServerSettings.Outbound direct = new MailServerSettings.Outbound(Optional.empty(),
                List.of(new MailServerSettings.Route("partner.org", MailServerSettings.HostPort.parse("10.0.0.5:2525"))),
                List.of(Duration.ofMinutes(5)), 5, true);
        JamesConfigWriter.write(settings(direct), fakeTls(), ADDRESSES);
        String xml = Files.readString(data.resolve("conf/mailetcontainer.xml"));
        String relay = xml.substring(xml.indexOf("<processor state=\"relay\""));
        relay = relay.substring(0, relay.indexOf("\n        </processor>")); // the processor's end, not ToProcessor's
        assertThat(relay).contains("DkimSign").doesNotContain("RemoteDelivery");
        assertThat(relay.replaceAll("\\s+", " ").strip())
                .endsWith("<mailet match=\"All\" class=\"ToProcessor\"> <processor>" + JamesConfigWriter.ROUTE_PROCESSOR
                        + "</processor> </mailet>");
        String route = xml.substring(xml.indexOf("<processor state=\"" + JamesConfigWriter.ROUTE_PROCESSOR + "\""));
        route = route.substring(0, route.indexOf("\n        </processor>"));
        assertThat(route).doesNotContain("DkimSign", "RewriteForwardedSender")
                .contains("<outgoing>outgoing-route-partner.org</outgoing>", "IsMtaStsEnforced", "<outgoing>outgoing</outgoing>");
    }

    @Test
    void aMissingValueIsAProgrammingErrorNotAnEmptyString() {
        assertThatThrownBy(() -> Template.load("domainlist.xml").render(Map.of()))
                .hasMessageContaining("defaultDomain");
    }

    /** A configured PEM identity (only readability is checked when preparing it). */
    private org.facteur.mailserver.tls.TlsIdentity fakeTls() {
        try {
            Path cert = Files.writeString(data.resolve("cert.pem"), "certificate");
            Path key = Files.writeString(data.resolve("key.pem"), "key");
            MailServerSettings s = settings(direct());
            return org.facteur.mailserver.tls.TlsIdentity.prepare(new MailServerSettings(s.dataDir(), s.hostname(),
                    s.bindAddress(), s.ports(), new MailServerSettings.Tls(Optional.of(cert), Optional.of(key)),
                    s.limits(), s.outbound(), s.spoolerThreads(), s.lists()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
