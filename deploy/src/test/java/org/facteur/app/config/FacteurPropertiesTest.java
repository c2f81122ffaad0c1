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

    private static final FacteurProperties.Limits LIMITS = new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 50,
            DataSize.ofMegabytes(50), "127.0.0.0/8, ::1", 1000, "1GB");

    private static FacteurProperties props(String relay, String routes, String cert, String key) {
        return props(relay, routes, cert, key, LIMITS, "");
    }

    private static FacteurProperties props(String relay, String routes, String cert, String key, FacteurProperties.Limits limits) {
        return props(relay, routes, cert, key, limits, "");
    }

    private static FacteurProperties props(String relay, String routes, String cert, String key, String database) {
        return props(relay, routes, cert, key, LIMITS, database);
    }

    private static FacteurProperties props(String relay, String routes, String cert, String key, FacteurProperties.Limits limits,
                                           String database) {
        return new FacteurProperties(Path.of("data"), "mail.example.org", "0.0.0.0",
                new FacteurProperties.Ports(2525, 2587, 2465, 2143, 2993),
                new FacteurProperties.Tls(cert, key),
                limits,
                new FacteurProperties.Outbound(relay, routes, List.of(Duration.ofMinutes(5)), 5, true), 8,
                new FacteurProperties.Lists("lists", java.util.Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30), 100,
                        3, 5, 10, Duration.ofHours(1)),
                new FacteurProperties.Database(database, "facteur", "pg-s3cret"),
                "127.0.0.0/8, ::1", "", false);
    }

    @Test
    void theDigestTimeAndSizeAreBoundAsApplicationYmlWritesThem() {
        java.util.Map<String, String> yml = new java.util.HashMap<>(java.util.Map.of("l.robot", "lists", "l.default-language", "en",
                "l.confirmation-ttl", "7d", "l.held-post-ttl", "30d", "l.recipients-per-message", "100", "l.commands-per-message", "3",
                "l.confirmations-per-address", "5", "l.replies-per-address", "10", "l.limit-window", "1h"));
        yml.put("l.digest-time", "18:30");
        yml.put("l.digest-max-posts", "40");
        FacteurProperties.Lists lists = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(yml))
                .bind("l", FacteurProperties.Lists.class).get();
        assertThat(lists.digestTime()).isEqualTo(java.time.LocalTime.of(18, 30));
        assertThat(lists.digestMaxPosts()).isEqualTo(40);
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
        assertThat(s.lists().robotLimits()).isEqualTo(org.facteur.lists.RobotLimits.DEFAULTS);
        assertThat(s.lists().digests()).isEqualTo(org.facteur.lists.digest.DigestSettings.DEFAULTS);
    }

    @Test
    void bounceSettingsDefaultToMailmansAndAreMappedWhenSet() {
        assertThat(props("", "", "", "").toMailServerSettings().lists().bounces())
                .isEqualTo(org.facteur.lists.bounce.BounceSettings.DEFAULTS);
        FacteurProperties.Lists set = new FacteurProperties.Lists("lists", java.util.Locale.ENGLISH, Duration.ofDays(7),
                Duration.ofDays(30), 100, 3, 5, 10, Duration.ofHours(1), 3, 10, Duration.ofDays(2), Duration.ofDays(4));
        assertThat(set.bounces()).isEqualTo(new org.facteur.lists.bounce.BounceSettings(
                new org.facteur.lists.bounce.BounceScore.Policy(3, 10), Duration.ofDays(2), Duration.ofDays(4)));
    }

    @Test
    void limitsAreMappedWithTheirUnits() {
        MailServerSettings.Limits limits = props("", "", "", "").toMailServerSettings().limits();
        assertThat(limits.connectionLimitPerIp()).isEqualTo(50);
        assertThat(limits.connectionLimitExempt()).containsExactly("127.0.0.0/8", "::1");
        assertThat(limits.maxRecipients()).isEqualTo(1000);
        assertThat(limits.defaultQuota()).contains(1024L * 1024 * 1024);
        assertThat(limits.mime()).isEqualTo(org.facteur.mailserver.mime.MimeLimits.DEFAULTS);
        assertThat(limits.mailProcessingTimeout()).isEqualTo(Duration.ofMinutes(5));
        MailServerSettings.Limits tight = props("", "", "", "", new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 0,
                DataSize.ofMegabytes(50), "", 10, "1GB", 20, 500, DataSize.ofKilobytes(64), 1000, Duration.ofSeconds(90)))
                .toMailServerSettings().limits();
        assertThat(tight.mime()).isEqualTo(new org.facteur.mailserver.mime.MimeLimits(20, 500, 64 * 1024, 1000));
        assertThat(tight.mailProcessingTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(props("", "", "", "", new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 0,
                DataSize.ofMegabytes(50), "", 10, "unlimited")).toMailServerSettings().limits().defaultQuota()).isEmpty();
    }

    @Test
    void aBadQuotaOrNetworkIsReportedWithItsValue() {
        assertThatThrownBy(() -> props("", "", "", "", new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 50,
                DataSize.ofMegabytes(50), "", 1000, "lots")).toMailServerSettings())
                .hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> props("", "", "", "", new FacteurProperties.Limits(DataSize.ofMegabytes(25), 0, 50,
                DataSize.ofMegabytes(50), "localhost", 1000, "1GB")).toMailServerSettings())
                .hasMessageContaining("'localhost' is not a network");
    }

    @Test
    void theOutboundCaFileIsBoundAsApplicationYmlWritesItAndEmptyMeansNone() {
        java.util.Map<String, String> yml = new java.util.HashMap<>(java.util.Map.of("o.relay-host", "", "o.routes", "",
                "o.retry-delays", "5m,30m", "o.max-retries", "5", "o.start-tls", "true", "o.ca-file", "/etc/facteur/ca.pem"));
        FacteurProperties.Outbound outbound = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(yml))
                .bind("o", FacteurProperties.Outbound.class).get();
        assertThat(outbound.caFile()).isEqualTo("/etc/facteur/ca.pem");
        assertThat(outbound.startTls()).isTrue();
        assertThat(props("", "", "", "").toMailServerSettings().outbound().caFile()).isEmpty();
    }

    @Test
    void theWkdLookupSettingIsBoundInLowerCaseAndPublicWhenAbsent() {
        java.util.Map<String, String> yml = new java.util.HashMap<>(java.util.Map.of("o.relay-host", "", "o.routes", "",
                "o.retry-delays", "5m", "o.max-retries", "5", "o.start-tls", "true", "o.wkd-lookup", "any"));
        org.springframework.boot.context.properties.bind.Binder binder = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(yml));
        assertThat(binder.bind("o", FacteurProperties.Outbound.class).get().wkdLookup()).isEqualTo(MailServerSettings.WkdLookup.ANY);
        yml.put("o.wkd-lookup", "off");
        assertThat(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(yml))
                .bind("o", FacteurProperties.Outbound.class).get().wkdLookup()).isEqualTo(MailServerSettings.WkdLookup.OFF);
        assertThat(props("", "", "", "").toMailServerSettings().outbound().wkdLookup()).isEqualTo(MailServerSettings.WkdLookup.PUBLIC);
    }

    @Test
    void dkimSigningIsOnWhenAbsentAndOffWhenApplicationYmlSaysFalse() {
        java.util.Map<String, String> yml = new java.util.HashMap<>(java.util.Map.of("o.relay-host", "", "o.routes", "",
                "o.retry-delays", "5m", "o.max-retries", "5", "o.start-tls", "true", "o.dkim-signing", "false"));
        FacteurProperties.Outbound outbound = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(yml))
                .bind("o", FacteurProperties.Outbound.class).get();
        assertThat(outbound.dkimSigning()).isFalse();
        assertThat(props("", "", "", "").toMailServerSettings().outbound().dkimSigning()).isTrue();
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
    void aDomainRoutedTwiceIsRefused() {
        assertThatThrownBy(() -> props("", "partner.org=10.0.0.5, Partner.org=10.0.0.6:2525", "", "").toMailServerSettings())
                .hasMessageContaining("partner.org is routed twice");
    }

    @Test
    void trustedProxiesAreCidrsAndAHostNameIsRefused() throws Exception {
        assertThat(props("", "", "", "").toMailServerSettings().trustedProxies()
                .contains(java.net.InetAddress.getByName("127.0.0.1"))).isTrue();
        FacteurProperties p = props("", "", "", "");
        FacteurProperties named = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(),
                p.limits(), p.outbound(), p.spoolerThreads(), p.lists(), p.database(), "10.0.0.0/8, proxy.example.org", "", false);
        assertThatThrownBy(named::toMailServerSettings).hasMessageContaining("'proxy.example.org' is not an IP address");
    }

    @Test
    void theProxyProtocolIsOffUnlessAskedFor() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().proxyProtocol()).isFalse();
        FacteurProperties behindHaproxy = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(),
                p.limits(), p.outbound(), p.spoolerThreads(), p.lists(), p.database(), "10.0.0.5, 127.0.0.0/8", "", true);
        MailServerSettings s = behindHaproxy.toMailServerSettings();
        assertThat(s.proxyProtocol()).isTrue();
        assertThat(s.trustedProxies().toString()).isEqualTo("10.0.0.5, 127.0.0.0/8");
        FacteurProperties withoutLoopback = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(),
                p.limits(), p.outbound(), p.spoolerThreads(), p.lists(), p.database(), "10.0.0.5", "", true);
        assertThatThrownBy(withoutLoopback::toMailServerSettings).hasMessageContaining("needs loopback");
    }

    @Test
    void thePostmasterIsOptionalAndMustBeOneAddress() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().postmaster()).isEmpty();
        assertThat(withPostmaster(p, " admin@example.org ").toMailServerSettings().postmaster()).contains("admin@example.org");
        assertThatThrownBy(() -> withPostmaster(p, "Admin <admin@example.org>").toMailServerSettings())
                .hasMessageContaining("the postmaster must be one address");
    }

    private static FacteurProperties withPostmaster(FacteurProperties p, String postmaster) {
        return new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(), p.outbound(),
                p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), postmaster, false);
    }

    private static FacteurProperties withRedis(FacteurProperties p, String uri, String prefix) {
        return new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(), p.outbound(),
                p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(),
                new FacteurProperties.Redis(uri, prefix), new FacteurProperties.Submission(50, 20));
    }

    @Test
    void theRedisUriSharesTheLoginCountersAndIsNeverPrinted() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().redis()).as("in memory by default").isEmpty();
        assertThat(p.toMailServerSettings().submission()).isEqualTo(org.facteur.mailserver.smtp.SubmissionLimits.DEFAULTS);
        FacteurProperties shared = withRedis(p, " redis://:r3dis-pw@redis.internal:6380/2 ", "");
        MailServerSettings s = shared.toMailServerSettings();
        assertThat(s.redis()).hasValueSatisfying(r -> {
            assertThat(r.uri().toString()).isEqualTo("redis://redis.internal:6380/2");
            assertThat(r.keyPrefix()).isEqualTo("facteur:");
        });
        assertThat(s.submission()).isEqualTo(new org.facteur.mailserver.smtp.SubmissionLimits(50, 20));
        assertThat(shared.toString() + s).doesNotContain("r3dis-pw");
        assertThatThrownBy(() -> withRedis(p, "redis.internal:6379", "").toMailServerSettings())
                .hasMessage("FACTEUR_REDIS_URI must start with redis:// or rediss://, as in redis://127.0.0.1:6379/0");
        assertThatThrownBy(() -> withRedis(p, "redis://127.0.0.1:6379/0", "two words").toMailServerSettings())
                .hasMessageStartingWith("FACTEUR_REDIS_KEY_PREFIX must be");
    }

    @Test
    void searchIndexingIsOnUnlessTurnedOff() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().searchIndexing()).isTrue();
        FacteurProperties off = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(),
                p.outbound(), p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false,
                p.redis(), p.submission(), p.dnsServers(), p.inboundChecks(), p.rspamd(), p.publicUrl(),
                new FacteurProperties.Search(false));
        assertThat(off.toMailServerSettings().searchIndexing()).isFalse();
    }

    @Test
    void theRabbitMqUriJoinsTheNodesMailboxEventsAndIsNeverPrinted() {
        FacteurProperties p = props("", "", "", "", "jdbc:postgresql://127.0.0.1:5432/facteur");
        assertThat(p.toMailServerSettings().rabbitMq()).as("one node alone by default").isEmpty();
        FacteurProperties shared = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(),
                p.outbound(), p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false,
                p.redis(), p.submission(), p.dnsServers(), p.inboundChecks(), p.rspamd(), p.publicUrl(), p.search(),
                new FacteurProperties.RabbitMq(" amqp://facteur:r4bbit-pw@rabbitmq.internal/mail "));
        MailServerSettings s = shared.toMailServerSettings();
        assertThat(s.rabbitMq()).hasValueSatisfying(r -> assertThat(r.safeText()).isEqualTo("amqp://rabbitmq.internal:5672/mail"));
        assertThat(shared.toString() + s).doesNotContain("r4bbit-pw");
        FacteurProperties wrong = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(),
                p.outbound(), p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false,
                p.redis(), p.submission(), p.dnsServers(), p.inboundChecks(), p.rspamd(), p.publicUrl(), p.search(),
                new FacteurProperties.RabbitMq("rabbitmq.internal:5672"));
        assertThatThrownBy(wrong::toMailServerSettings)
                .hasMessage("FACTEUR_RABBITMQ_URI must look like amqp://user:password@host:5672/vhost (or amqps:// for TLS)");
    }

    @Test
    void dnsServersAndInboundChecks() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().dnsServers().isSystem()).isTrue();
        assertThat(p.toMailServerSettings().inboundChecks().enabled()).isTrue();
        FacteurProperties set = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(),
                p.outbound(), p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false,
                "127.0.0.1:5353, 192.0.2.53", new FacteurProperties.InboundChecks(false, "10.0.0.0/8, 127.0.0.1"));
        MailServerSettings s = set.toMailServerSettings();
        assertThat(s.dnsServers().toString()).isEqualTo("127.0.0.1:5353, 192.0.2.53:53");
        assertThat(s.inboundChecks().enabled()).isFalse();
        assertThat(s.inboundChecks().exempt()).containsExactly("10.0.0.0/8", "127.0.0.1");
        FacteurProperties bad = new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(),
                p.outbound(), p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false, "127.0.0.1:dns", null);
        assertThatThrownBy(bad::toMailServerSettings).hasMessageContaining("FACTEUR_DNS_SERVERS: '127.0.0.1:dns' is not host[:port]");
    }

    @Test
    void aCertificateWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> props("", "", "/etc/ssl/cert.pem", "").toMailServerSettings())
                .hasMessageContaining("both a certificate and a private key");
    }

    @Test
    void withoutADatabaseUrlTheDatabaseIsSqliteInTheDataDirectory() {
        MailServerSettings s = props("", "", "", "").toMailServerSettings();
        assertThat(s.databaseSettings().url()).isEqualTo("jdbc:sqlite:" + s.data().database());
    }

    @Test
    void aPostgresqlUrlIsUsedWithItsUserAndThePasswordIsNeverPrinted() {
        FacteurProperties props = props("", "", "", "", "jdbc:postgresql://db.example.org:5432/facteur");
        MailServerSettings s = props.toMailServerSettings();
        assertThat(s.databaseSettings().url()).isEqualTo("jdbc:postgresql://db.example.org:5432/facteur");
        assertThat(s.databaseSettings().user()).isEqualTo("facteur");
        assertThat(s.databaseSettings().password()).isEqualTo("pg-s3cret");
        assertThat(props.toString() + s + s.databaseSettings()).doesNotContain("pg-s3cret");
    }

    @Test
    void aDatabaseUrlOfAnotherEngineIsRefusedInOneSentence() {
        assertThatThrownBy(() -> props("", "", "", "", "jdbc:mysql://db/facteur").toMailServerSettings().databaseSettings())
                .hasMessageContaining("SQLite").hasMessageContaining("PostgreSQL");
    }

    @Test
    void thePublicUrlIsOptionalAndMustBeAWebAddress() {
        FacteurProperties p = props("", "", "", "");
        assertThat(p.toMailServerSettings().lists().publicUrl()).isEmpty();
        assertThat(withPublicUrl(p, " https://mail.example.org ").toMailServerSettings().lists().publicUrl())
                .contains(java.net.URI.create("https://mail.example.org"));
        assertThat(withPublicUrl(p, "https://example.org/facteur/").toMailServerSettings().lists().publicUrl())
                .contains(java.net.URI.create("https://example.org/facteur/"));
        for (String bad : List.of("mail.example.org", "ftp://mail.example.org", "https://mail.example.org/?x=1", "https://", "https://u:p@mail.example.org")) {
            assertThatThrownBy(() -> withPublicUrl(p, bad).toMailServerSettings())
                    .hasMessage("FACTEUR_PUBLIC_URL must be the address of Facteur's web side, such as https://mail.example.org,"
                            + " without query or user; '" + bad + "' is not.");
        }
    }

    private static FacteurProperties withPublicUrl(FacteurProperties p, String url) {
        return new FacteurProperties(p.dataDir(), p.hostname(), p.bindAddress(), p.ports(), p.tls(), p.limits(), p.outbound(),
                p.spoolerThreads(), p.lists(), p.database(), p.trustedProxies(), p.postmaster(), false, p.redis(), p.submission(),
                p.dnsServers(), p.inboundChecks(), url);
    }
}
