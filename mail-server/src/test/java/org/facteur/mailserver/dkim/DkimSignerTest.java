package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures made by {@link DkimSigner} judged by dkimpy, a verifier that is not ours. */
class DkimSignerTest {
    @TempDir
    static Path dir;
    static DkimKeys keys;
    static Map<String, String> records;

    static final String MESSAGE = "Received: from somewhere\r\n"
            + "From: Alice <alice@example.org>\r\n"
            + "To: bob@remote.test,\r\n   carol@remote.test\r\n"
            + "Subject:   Hello   there\t\r\n"
            + "Date: Tue, 1 Dec 2026 17:00:00 +0000\r\n"
            + "Message-ID: <1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Hello Bob,  \r\n"
            + "\r\n"
            + "tabs\tand  spaces, caf\u00e9.\r\n"
            + "\r\n\r\n";

    @BeforeAll
    static void makeKeys() {
        keys = new DkimKeys(dir);
        keys.ensure("example.org");
        records = keys.published("example.org").stream()
                .collect(Collectors.toMap(DkimKey::recordName, DkimKey::recordText));
    }

    static byte[] signed(String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        DkimSigner.sign(raw, keys.signingKeys("example.org"), Instant.now()).forEach(out::append);
        return (out + message).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bothSignaturesVerifyWithDkimpy() throws Exception {
        byte[] message = signed(MESSAGE);
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).contains("a=rsa-sha256").contains("a=ed25519-sha256").contains("d=example.org");
        assertThat(Dkimpy.verify(message, records)).containsExactly(true, true);
    }

    @Test
    void oneChangedBodyByteFailsBothSignatures() throws Exception {
        byte[] message = signed(MESSAGE);
        String text = new String(message, StandardCharsets.UTF_8).replace("Hello Bob", "Hello Rob");
        assertThat(Dkimpy.verify(text.getBytes(StandardCharsets.UTF_8), records)).containsExactly(false, false);
    }

    @Test
    void aChangedSubjectOrASecondFromFailsBothSignatures() throws Exception {
        String text = new String(signed(MESSAGE), StandardCharsets.UTF_8);
        assertThat(Dkimpy.verify(text.replace("Hello   there", "Hello where").getBytes(StandardCharsets.UTF_8), records))
                .containsExactly(false, false);
        String twoFroms = text.replace("From: Alice", "From: Mallory <m@evil.test>\r\nFrom: Alice");
        assertThat(Dkimpy.verify(twoFroms.getBytes(StandardCharsets.UTF_8), records)).containsExactly(false, false);
    }

    @Test
    void relaxedCanonicalizationToleratesWhatRelaysDoToWhitespace() throws Exception {
        String text = new String(signed(MESSAGE), StandardCharsets.UTF_8);
        // a relay that refolds headers and strips trailing spaces does not break relaxed/relaxed
        String rewritten = text.replace("Subject:   Hello   there\t\r\n", "Subject: Hello\r\n there\r\n")
                .replace("Hello Bob,  \r\n", "Hello Bob,\r\n");
        assertThat(Dkimpy.verify(rewritten.getBytes(StandardCharsets.UTF_8), records)).containsExactly(true, true);
    }

    @Test
    void aListCopysArchiveLinksAreSignedSoThatAnotherLinkFailsBothSignatures() throws Exception {
        String copy = "List-Id: team <team.example.org>\r\n"
                + "List-Archive: <https://mail.example.org/lists/archive/team@example.org>\r\n"
                + "Archived-At: <https://mail.example.org/lists/archive/team@example.org/post/1f0c>\r\n" + MESSAGE;
        String text = new String(signed(copy), StandardCharsets.UTF_8);
        assertThat(text).containsPattern("h=[^;]*list-archive").containsPattern("h=[^;]*archived-at");
        assertThat(Dkimpy.verify(text.getBytes(StandardCharsets.UTF_8), records)).containsExactly(true, true);
        String elsewhere = text.replace("/post/1f0c>", "/post/0000>");
        assertThat(Dkimpy.verify(elsewhere.getBytes(StandardCharsets.UTF_8), records)).containsExactly(false, false);
    }

    @Test
    void anEmptyBodyIsSigned() throws Exception {
        assertThat(Dkimpy.verify(signed("From: alice@example.org\r\nSubject: empty\r\n\r\n"), records))
                .containsExactly(true, true);
    }

    @Test
    void aKeyOfAnotherSelectorDoesNotVerify() throws Exception {
        byte[] message = signed(MESSAGE);
        DkimKeys other = new DkimKeys(dir.resolve("other"));
        other.ensure("example.org");
        Map<String, String> wrong = other.published("example.org").stream()
                .collect(Collectors.toMap(DkimKey::recordName, DkimKey::recordText));
        assertThat(Dkimpy.verify(message, wrong)).containsExactly(false, false);
    }

    @Test
    void relaxedBodyCanonicalizationFollowsRfc6376() {
        assertThat(new String(DkimSigner.relaxedBody(" C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        assertThat(DkimSigner.relaxedBody(new byte[0])).isEmpty();
        assertThat(DkimSigner.relaxedBody("\r\n \r\n\t\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(new String(DkimSigner.relaxedBody("a\r\n\r\nb\tc".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII)).isEqualTo("a\r\n\r\nb c\r\n");
        assertThat(DkimSigner.relaxedHeader("SUBJect : Hi\r\n  \tthere  ")).isEqualTo("subject:Hi there\r\n");
        assertThat(DkimSigner.relaxedHeader("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    }
}
