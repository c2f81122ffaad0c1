package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {
    @Test
    void oneFieldOneResultPerLine() {
        assertThat(AuthenticationResults.field("mx.example.org", List.of("spf=pass smtp.mailfrom=a@b.test", "dkim=none")))
                .isEqualTo("Authentication-Results: mx.example.org;\r\n\tspf=pass smtp.mailfrom=a@b.test;\r\n\tdkim=none\r\n");
        assertThat(AuthenticationResults.value("we ird\"@b.test")).isEqualTo("\"we ird\\\"@b.test\"");
        assertThat(AuthenticationResults.comment("a (b) c")).isEqualTo("(a b c)");
    }

    @Test
    void fieldsClaimingOurNameAreRemovedOthersKeptAndOursOnTop() {
        String message = "Received: from x by y\r\n"
                + "Authentication-Results: (comment) MX.Example.org; dmarc=pass\r\n\theader.from=bank.test\r\n"
                + "authentication-results: mx.example.org.evil; spf=pass\r\n"
                + "Authentication-Results: other.example; spf=pass\r\n"
                + "Subject: Authentication-Results: mx.example.org\r\n\r\n"
                + "Authentication-Results: mx.example.org; in the body stays\r\n";
        String out = new String(AuthenticationResults.rewrite(message.getBytes(StandardCharsets.ISO_8859_1),
                "Authentication-Results: mx.example.org; spf=none\r\n", "mx.example.org"), StandardCharsets.ISO_8859_1);
        assertThat(out).isEqualTo("Authentication-Results: mx.example.org; spf=none\r\n"
                + "Received: from x by y\r\n"
                + "authentication-results: mx.example.org.evil; spf=pass\r\n"
                + "Authentication-Results: other.example; spf=pass\r\n"
                + "Subject: Authentication-Results: mx.example.org\r\n\r\n"
                + "Authentication-Results: mx.example.org; in the body stays\r\n");
    }

    @Test
    void theAuthservIdIsTheFirstWord() {
        assertThat(AuthenticationResults.authservId(" (c) Mx.Example.Org 1; spf=pass")).isEqualTo("mx.example.org");
        assertThat(AuthenticationResults.authservId("mx.example.org;spf=pass")).isEqualTo("mx.example.org");
    }
}
