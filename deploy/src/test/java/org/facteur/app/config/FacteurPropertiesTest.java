package org.facteur.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.facteur.mailserver.MailServerSettings;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FacteurPropertiesTest {

    private static FacteurProperties props(String relay, String routes, String cert, String key) {
        return new FacteurProperties(Path.of("data"), "mail.example.org", "0.0.0.0",
                new FacteurProperties.Ports(2525, 2587, 2465, 2143, 2993),
                new FacteurProperties.Tls(cert, key),
                new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 0, DataSize.ofMegabytes(50)),
                new FacteurProperties.Outbound(relay, routes, List.of(Duration.ofMinutes(5)), 5, true), 8,
                new FacteurProperties.Lists("", "", "", "lists", java.util.Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30), 100),
                "127.0.0.0/8, ::1");
    }

    @Test
    void routesAreParsedIntoATransportMap() {
        MailServerSettings s = props("", "remote.test=127.0.0.1:3025, Partner.ORG = mx.partner.org", "", "")
                .toMailServerSettings();
        assertThat(s.outbound().routes()).containsExactly(
                new MailServerSettings.Route("remote.test", new MailServerSettings.HostPort("127.0.0.1", 3025)),
                new MailServerSettings.Route("partner.org", new MailServerSettings.HostPort("mx.partner.org", 25)));
        assertThat(s.outbound().relayHost()).isEmpty();
        assertThat(s.limits().maxMessageSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(s.dataDir()).isAbsolute();
    }

    @Test
    void aSmarthostIsOptional() {
        assertThat(props("relay.example.net:587", "", null, null).toMailServerSettings().outbound().relayHost())
                .contains(new MailServerSettings.HostPort("relay.example.net", 587));
    }

    @Test
    void aMalformedRouteIsReportedWithItsValue() {
        assertThatThrownBy(() -> props("", "remote.test", "", "").toMailServerSettings())
                .hasMessageContaining("'remote.test' is not domain=host:port");
    }

    @Test
    void trustedProxiesAreCidrsAndAHostNameIsRefused() throws Exception {
        assertThat(props("", "", "", "").toMailServerSettings().trustedProxies()
                .contains(java.net.InetAddress.getByName("127.0.0.1"))).isTrue();
        FacteurProperties p = props("", "", "", "");
        FacteurProperties named = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(),
                p.limits(), p.outbound(), p.spoolerThreads(), p.lists(), "10.0.0.0/8, proxy.example.org");
        assertThatThrownBy(named::toMailServerSettings).hasMessageContaining("'proxy.example.org' is not an IP address");
    }

    @Test
    void aCertificateWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> props("", "", "/etc/ssl/cert.pem", "").toMailServerSettings())
                .hasMessageContaining("both a certificate and a private key");
    }
}
