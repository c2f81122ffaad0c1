package org.facteur.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RabbitMqSettingsTest {
    @TempDir
    Path data;

    @Test
    void aUriIsReadAndShownWithoutItsPassword() {
        RabbitMqSettings plain = RabbitMqSettings.parse("amqp://facteur:s3cret-pw@10.0.0.5");
        assertThat(plain.safeText()).isEqualTo("amqp://10.0.0.5:5672");
        RabbitMqSettings tls = RabbitMqSettings.parse(" AMQPS://facteur:s3cret-pw@rabbit.example.org:5679/mail%2Fprod ");
        assertThat(tls.safeText()).isEqualTo("amqps://rabbit.example.org:5679/mail%2Fprod");
        assertThat(RabbitMqSettings.parse("amqps://u:p@h/").safeText()).as("'/' alone is the default virtual host")
                .isEqualTo("amqps://h:5671");
        assertThat(RabbitMqSettings.parse("amqp://u:p@h/").uri().toString()).isEqualTo("amqp://u:p@h");
        assertThat(RabbitMqSettings.parse("amqp://u:p@h/?heartbeat=30").uri().toString()).as("only that slash goes")
                .isEqualTo("amqp://u:p@h?heartbeat=30");
        assertThat(plain + " " + tls).doesNotContain("s3cret-pw");
    }

    @Test
    void anythingElseIsRefusedInASentenceThatDoesNotRepeatIt() {
        for (String wrong : new String[] {"redis://127.0.0.1:6379", "10.0.0.5:5672", "amqp:///vhost", "amqp://s3cret pw@host",
                "amqp://facteur:s3cret:pw@host"}) { // a ':' in the password not written %3A: the library's error shows it
            assertThatThrownBy(() -> RabbitMqSettings.parse(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("FACTEUR_RABBITMQ_URI ")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void aNodeOnItsOwnSqliteFileRefusesToJoinOthers() {
        MailServerSettings s = TestMailServers.settings(data);
        MailServerSettings joined = new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(),
                s.limits(), s.outbound(), s.spoolerThreads(), s.lists(), s.database(), s.trustedProxies(), s.postmaster(),
                s.proxyProtocol(), s.redis(), s.submission(), s.dnsServers(), s.inboundChecks(), s.rspamd(), true,
                Optional.of(RabbitMqSettings.parse("amqp://guest:guest@127.0.0.1:5672")));
        assertThatThrownBy(() -> FacteurMailServer.start(joined))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FACTEUR_RABBITMQ_URI is for several nodes sharing one PostgreSQL database");
    }
}
