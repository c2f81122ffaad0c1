package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.UnlockedKey;
import org.facteur.webmail.encryption.UnlockedSessions;
import org.junit.jupiter.api.Test;

/**
 * Inline PGP with real keys: the armored block of a text body is replaced by its plaintext, the words around it
 * kept; a signature inside is checked; a block for another key, or cut short, decrypts nothing.
 */
class InlinePgpMessagesTest {
    static final OpenPgp PGP = new OpenPgp();
    static final GeneratedKey ALICE = UnlockedSessions.aliceKey();
    static final GeneratedKey BOB = PGP.generateKey(KeySpec.forMailbox("Bob", "bob@example.org"), "bob's passphrase".toCharArray());
    static final UnlockedKey ALICES_KEY = ALICE.secretKey().unlock(UnlockedSessions.PASSPHRASE.toCharArray());
    static final String SECRET = "Le coffre est dans la cave, combinaison 3-1-4 ; à jeudi ✓";

    static MessageView inline(String text) {
        return new MessageView("INBOX", 9, "Bob <bob@example.org>", List.of(), List.of("alice@example.org"), List.of(),
                "Le coffre", Instant.now(), text, null, List.of(), false, "", "", "", MessageView.Omissions.NONE,
                org.facteur.webmail.mail.OpenPgp.ENCRYPTED_INLINE);
    }

    static String armored(byte[] message) {
        return new String(message, StandardCharsets.US_ASCII).replace("\r\n", "\n").strip();
    }

    @Test
    void theBlockIsReplacedByItsPlaintextAndTheWordsAroundItStay() {
        String block = armored(PGP.encrypt(SECRET.getBytes(StandardCharsets.UTF_8), List.of(ALICE.secretKey().certificate()), true));
        DecryptedMessage opened = InlinePgpMessages.open(inline("Bonjour Alice,\n\n" + block + "\n-- \nBob\n"), ALICES_KEY, List.of());
        assertThat(opened.readable()).isTrue();
        assertThat(opened.message().text()).isEqualTo("Bonjour Alice,\n\n" + SECRET + "\n-- \nBob\n");
        assertThat(opened.message().text()).doesNotContain("BEGIN PGP MESSAGE");
        assertThat(opened.message().hasHtml()).isFalse();
        assertThat(opened.signature()).isNull();
    }

    @Test
    void aSignatureInsideIsCheckedAgainstTheKeysKnownForTheSender() {
        UnlockedKey bobSigns = BOB.secretKey().unlock("bob's passphrase".toCharArray());
        String block = armored(PGP.signAndEncrypt(SECRET.getBytes(StandardCharsets.UTF_8), bobSigns,
                List.of(ALICE.secretKey().certificate()), true));
        List<Certificate> known = List.of(BOB.secretKey().certificate());
        DecryptedMessage opened = InlinePgpMessages.open(inline(block), ALICES_KEY, known);
        assertThat(opened.message().text()).contains(SECRET);
        assertThat(opened.signature().kind()).isEqualTo(SignatureCheck.Kind.VERIFIED);
        assertThat(opened.signature().fingerprint().replace(" ", "")).isEqualTo(BOB.secretKey().fingerprint());
        assertThat(InlinePgpMessages.open(inline(block), ALICES_KEY, List.of()).signature().kind())
                .isEqualTo(SignatureCheck.Kind.UNKNOWN_KEY);
    }

    @Test
    void aBlockForAnotherKeyOrCutShortDecryptsNothing() {
        String forBob = armored(PGP.encrypt(SECRET.getBytes(StandardCharsets.UTF_8), List.of(BOB.secretKey().certificate()), true));
        DecryptedMessage notMine = InlinePgpMessages.open(inline(forBob), ALICES_KEY, List.of());
        assertThat(notMine.outcome()).isEqualTo(DecryptedMessage.Outcome.NOT_FOR_THIS_KEY);
        assertThat(notMine.message().text()).isEqualTo(forBob);

        String cut = forBob.substring(0, forBob.indexOf("-----END PGP MESSAGE-----"));
        assertThat(InlinePgpMessages.open(inline(cut), ALICES_KEY, List.of()).outcome()).isEqualTo(DecryptedMessage.Outcome.DAMAGED);
    }
}
