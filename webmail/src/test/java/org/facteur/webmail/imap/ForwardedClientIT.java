package org.facteur.webmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.config.WebmailProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webmail's logins against the real embedded James: every login comes from 127.0.0.1 and names the
 * browser's address, and the server throttles that address, not the webmail.
 */
class ForwardedClientIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static MailConnector connector;

    @BeforeAll
    static void setUp() {
        var ports = mail.settings().ports();
        connector = new MailConnector(new WebmailProperties("127.0.0.1", ports.imap(), "127.0.0.1", ports.submission(),
                "127.0.0.1", Duration.ofSeconds(20), java.nio.file.Path.of("target/settings"),
                org.springframework.util.unit.DataSize.ofMegabytes(18), "127.0.0.1"));
    }

    @Test
    void theServerThrottlesTheBrowserNotTheWebmail() throws Exception {
        for (int i = 0; i < 5; i++) {
            String guess = "guess-" + i;
            AuthenticationFailedException wrong = catchThrowableOfType(AuthenticationFailedException.class,
                    () -> connector.connect(MailServerExtension.ALICE, guess, "203.0.113.66"));
            assertThat(MailConnector.throttled(wrong)).isFalse();
        }
        AuthenticationFailedException locked = catchThrowableOfType(AuthenticationFailedException.class,
                () -> connector.connect(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "203.0.113.66"));
        assertThat(MailConnector.throttled(locked)).as(String.valueOf(locked)).isTrue();

        Store owner = connector.connect(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "198.51.100.20");
        assertThat(owner.isConnected()).isTrue();
        owner.close();
    }
}
