package org.facteur.mailserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerAddressesTest {

    @Test
    void theServedDomainTheHostnameBelongsToIsTheDefaultAndThePostmastersDomain() {
        ServerAddresses a = ServerAddresses.of("mail.example.org", Optional.empty(), List.of("aaa.net", "example.org", "ple.org"));
        assertThat(a.defaultDomain()).isEqualTo("example.org");
        assertThat(a.postmaster()).isEqualTo("postmaster@example.org");
        assertThat(a.mailerDaemon()).isEqualTo("MAILER-DAEMON@mail.example.org");
    }

    @Test
    void otherwiseTheFirstServedDomainInAlphabeticalOrder() {
        ServerAddresses a = ServerAddresses.of("mx1.hoster.net", Optional.empty(), List.of("zebra.org", "asso.fr"));
        assertThat(a.postmaster()).isEqualTo("postmaster@asso.fr");
        assertThat(a.mailerDaemon()).isEqualTo("MAILER-DAEMON@mx1.hoster.net");
    }

    @Test
    void aConfiguredPostmasterWins() {
        assertThat(ServerAddresses.of("mail.example.org", Optional.of("admin@example.net"), List.of("example.org")).postmaster())
                .isEqualTo("admin@example.net");
    }

    @Test
    void aHostnameWithoutADotIsNoNameForOtherServers() {
        ServerAddresses a = ServerAddresses.of("localhost", Optional.empty(), List.of("example.org"));
        assertThat(a.mailerDaemon()).isEqualTo("MAILER-DAEMON@example.org");
        assertThat(a.postmaster()).isEqualTo("postmaster@example.org");
    }

    @Test
    void beforeAnyDomainTheHostnameStandsIn() {
        ServerAddresses a = ServerAddresses.of("mail.example.org", Optional.empty(), List.of());
        assertThat(a.defaultDomain()).isEqualTo("mail.example.org");
        assertThat(a.postmaster()).isEqualTo("postmaster@mail.example.org");
    }
}
