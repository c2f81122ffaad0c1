package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.facteur.mailserver.dns.TxtLookup;
import org.facteur.mailserver.inbound.DkimpySigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification of DKIM signatures: Facteur's own signer's (both algorithms) and dkimpy's (an independent signer, with
 * simple and relaxed canonicalizations), and the ways a signature fails.
 */
class DkimVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
    private static final byte[] MESSAGE = ("From: Bob <bob@sender.test>\r\nTo: alice@example.org\r\nSubject: Hello\r\n"
            + "Date: Wed, 02 Dec 2026 02:00:00 +0000\r\nMessage-ID: <1@sender.test>\r\n\r\n"
            + "Hi  Alice,\r\n\r\nsee you   tomorrow.\r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static DkimKeys keys;
    private static final Map<String, String> RECORDS = new HashMap<>();
    private static final DkimpySigner DKIMPY = new DkimpySigner();

    @BeforeAll
    static void keys() throws Exception {
        keys = new DkimKeys(java.nio.file.Files.createTempDirectory("dkim-verify"));
        keys.ensure("sender.test");
        for (DkimKey k : keys.signingKeys("sender.test")) {
            RECORDS.put(k.recordName(), k.recordText());
        }
        RECORDS.put("py._domainkey.sender.test", DKIMPY.txtRecord());
    }

    private final DkimVerifier verifier = new DkimVerifier(dns(RECORDS), Clock.fixed(NOW, ZoneOffset.UTC));

    private static TxtLookup dns(Map<String, String> records) {
        return name -> records.containsKey(name) ? new TxtLookup.Found(List.of(records.get(name))) : new TxtLookup.NotFound();
    }

    private static byte[] signedByFacteur(byte[] message) {
        StringBuilder out = new StringBuilder();
        for (String field : DkimSigner.sign(message, keys.signingKeys("sender.test"), NOW)) {
            out.append(field);
        }
        return (out + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bothOfFacteursSignaturesPassRsaAndEd25519() {
        List<DkimVerifier.Result> results = verifier.verify(signedByFacteur(MESSAGE));
        assertThat(results).extracting(DkimVerifier.Result::result).containsExactly("pass", "pass");
        assertThat(results).extracting(DkimVerifier.Result::algorithm).containsExactly("rsa-sha256", "ed25519-sha256");
        assertThat(results).extracting(DkimVerifier.Result::domain).containsOnly("sender.test");
    }

    @Test
    void dkimpysSignaturesPassInEveryCanonicalization() throws Exception {
        for (String canon : List.of("simple/simple", "relaxed/simple", "simple/relaxed", "relaxed/relaxed")) {
            List<DkimVerifier.Result> results = verifier.verify(DKIMPY.sign(MESSAGE, "py", "sender.test", canon));
            assertThat(results).as(canon).extracting(DkimVerifier.Result::result).containsExactly("pass");
        }
    }

    @Test
    void aChangedBodyByteOrSubjectFails() throws Exception {
        String signed = new String(DKIMPY.sign(MESSAGE, "py", "sender.test", "relaxed/relaxed"), StandardCharsets.ISO_8859_1);
        assertThat(verifier.verify(signed.replace("tomorrow", "tomorrov").getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result, DkimVerifier.Result::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fail", "body hash did not verify"));
        assertThat(verifier.verify(signed.replace("Subject: Hello", "Subject: Hellp").getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result).containsExactly("fail");
        byte[] facteur = signedByFacteur(MESSAGE);
        String f = new String(facteur, StandardCharsets.ISO_8859_1).replace("Hi  Alice", "Hi  Alicf");
        assertThat(verifier.verify(f.getBytes(StandardCharsets.ISO_8859_1))).extracting(DkimVerifier.Result::result)
                .containsExactly("fail", "fail");
    }

    @Test
    void relaxedSignaturesSurviveRefoldingButSimpleOnesDoNot() throws Exception {
        String relaxed = new String(DKIMPY.sign(MESSAGE, "py", "sender.test", "relaxed/relaxed"), StandardCharsets.ISO_8859_1);
        String simple = new String(DKIMPY.sign(MESSAGE, "py", "sender.test", "simple/simple"), StandardCharsets.ISO_8859_1);
        assertThat(verifier.verify(relaxed.replace("Subject: Hello", "Subject:  \r\n Hello").getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result).containsExactly("pass");
        assertThat(verifier.verify(simple.replace("Subject: Hello", "Subject:  \r\n Hello").getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result).containsExactly("fail");
        assertThat(verifier.verify(simple.replace("Hi  Alice", "Hi Alice").getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result).containsExactly("fail");
    }

    @Test
    void missingKeysRevokedKeysAndDnsFailuresAreTold() throws Exception {
        byte[] signed = DKIMPY.sign(MESSAGE, "py", "sender.test", "relaxed/relaxed");
        assertThat(new DkimVerifier(dns(Map.of()), Clock.systemUTC()).verify(signed))
                .extracting(DkimVerifier.Result::result).containsExactly("permerror");
        assertThat(new DkimVerifier(dns(Map.of("py._domainkey.sender.test", "v=DKIM1; k=rsa; p=")), Clock.systemUTC()).verify(signed))
                .extracting(DkimVerifier.Result::result, DkimVerifier.Result::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fail", "key revoked"));
        assertThat(new DkimVerifier(name -> new TxtLookup.TemporaryFailure("timeout"), Clock.systemUTC()).verify(signed))
                .extracting(DkimVerifier.Result::result).containsExactly("temperror");
        assertThat(verifier.verify(MESSAGE)).isEmpty();
    }

    @Test
    void signaturesWithoutFromOrWithSha1OrExpiredAreNotAccepted() {
        String base = "DKIM-Signature: v=1; a=rsa-sha256; d=sender.test; s=py; h=subject; bh=AAAA; b=AAAA\r\n";
        assertThat(verifier.verify((base + new String(MESSAGE, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::result, DkimVerifier.Result::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("permerror", "From is not signed"));
        String sha1 = base.replace("rsa-sha256", "rsa-sha1").replace("h=subject", "h=from");
        assertThat(verifier.verify((sha1 + new String(MESSAGE, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::reason).containsExactly("algorithm not accepted");
        String expired = base.replace("h=subject", "h=from; x=" + (NOW.getEpochSecond() - 1));
        assertThat(verifier.verify((expired + new String(MESSAGE, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1)))
                .extracting(DkimVerifier.Result::reason).containsExactly("signature expired");
    }

    @Test
    void simpleBodyCanonicalizationOfRfc6376() {
        assertThat(new String(DkimVerifier.simpleBody("a \r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("a \r\n");
        assertThat(new String(DkimVerifier.simpleBody(new byte[0]), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        assertThat(new String(DkimVerifier.simpleBody("a".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("a\r\n");
        assertThat(DkimVerifier.withoutSignatureValue("DKIM-Signature: v=1; bh=xyz; b=ab\r\n\t cd; d=x"))
                .isEqualTo("DKIM-Signature: v=1; bh=xyz; b=; d=x");
    }
}
