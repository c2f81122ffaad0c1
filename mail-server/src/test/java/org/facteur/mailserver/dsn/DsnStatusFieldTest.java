package org.facteur.mailserver.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DsnStatusFieldTest {

    @Test
    void theStatusCodeIsTakenFromTheSmtpReply() {
        assertThat(DsnStatusField.statusCode("550 5.1.1 No such user here")).isEqualTo("5.1.1");
        assertThat(DsnStatusField.statusCode("452 4.2.2 Mailbox full")).isEqualTo("4.2.2");
        assertThat(DsnStatusField.statusCode("554 Transaction failed")).isEqualTo("5.0.0");
        assertThat(DsnStatusField.statusCode("5.7.1")).isEqualTo("5.7.1");
        assertThat(DsnStatusField.statusCode("Connection refused")).isEqualTo("5.0.0");
    }

    @Test
    void onlyStatusFieldsChangeEveryRecipientsOne() {
        String fields = "Reporting-MTA: dns; mail.example.org\n\nFinal-Recipient: rfc822; a@x.test\nAction: failed\n"
                + "Status: 550 5.1.1 No such user here\nDiagnostic-Code: smtp; 550 5.1.1 No such user here\n\n"
                + "Final-Recipient: rfc822; b@x.test\nAction: failed\nStatus: 5.2.2\n";
        assertThat(DsnStatusField.statusCodes(fields)).isEqualTo(fields
                .replace("Status: 550 5.1.1 No such user here", "Status: 5.1.1"));
    }
}
