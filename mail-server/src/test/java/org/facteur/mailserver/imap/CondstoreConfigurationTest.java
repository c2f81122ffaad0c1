package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.james.imap.api.ImapConfiguration;
import org.junit.jupiter.api.Test;

class CondstoreConfigurationTest {
    @Test
    void turnsCondstoreOnAndKeepsEverythingElse() {
        Properties custom = new Properties();
        custom.setProperty("k", "v");
        ImapConfiguration james = ImapConfiguration.builder().enableIdle(false).idleTimeInterval(7)
                .idleTimeIntervalUnit(TimeUnit.MINUTES).disabledCaps("XLIST", "ACL").maxQueueSize(11).concurrentRequests(3)
                .isProvisionDefaultMailboxes(false).withCustomProperties(custom).appendLimit(1234L).build();
        assertThat(james.isCondstoreEnable()).isFalse();

        ImapConfiguration facteur = CondstoreConfiguration.of(james);

        assertThat(facteur.isCondstoreEnable()).isTrue();
        assertThat(CondstoreConfiguration.of(facteur)).isEqualTo(facteur);
        assertThat(facteur).usingRecursiveComparison().ignoringFields("isCondstoreEnable").isEqualTo(james);
    }
}
