package org.facteur.webmail.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.UnlockedKey;

/**
 * Inline PGP (the armored {@code -----BEGIN PGP MESSAGE-----} block in a text body, as Mailvelope, older Enigmail and
 * many phone apps send it): the first block of the text is decrypted with the member's unlocked key and put where the
 * block was, the text around it kept; the plaintext is read as UTF-8 (what those programs write; Latin-1 when it is not
 * valid UTF-8) and shown as text, through the same escaping as any text body. A signature inside is checked like a
 * PGP/MIME one. The message's own attachments stay as stored (an inline message carries no encrypted parts).
 */
final class InlinePgpMessages {
    private static final Pattern BLOCK = Pattern.compile(
            "(?ms)^-----BEGIN PGP MESSAGE-----[ \\t]*\\r?$.*?^-----END PGP MESSAGE-----[ \\t]*\\r?$");
    private static final org.facteur.pgp.OpenPgp PGP = new org.facteur.pgp.OpenPgp();

    private InlinePgpMessages() {
    }

    static DecryptedMessage open(MessageView view, UnlockedKey key, List<Certificate> known) {
        String text = view.text() == null ? "" : view.text();
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            return new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, "the armored block is not complete");
        }
        Decryption result = PGP.decrypt(block.group().getBytes(StandardCharsets.ISO_8859_1), key, known);
        return switch (result) {
            case Decryption.Decrypted d -> {
                String plain = text(d.plaintext()).replace("\r\n", "\n");
                MessageView shown = new MessageView(view.folder(), view.uid(), view.from(), view.replyTo(), view.to(), view.cc(),
                        view.subject(), view.date(), text.substring(0, block.start()) + plain + text.substring(block.end()),
                        null, view.attachments(), view.flagged(), view.messageId(), view.inReplyTo(), view.references(),
                        view.omitted(), view.openPgp());
                yield new DecryptedMessage(shown, DecryptedMessage.Outcome.DECRYPTED,
                        SignatureCheck.of(d.signature(), view.from(), known).orElse(null), null);
            }
            case Decryption.NotEncryptedToThisKey n -> new DecryptedMessage(view, DecryptedMessage.Outcome.NOT_FOR_THIS_KEY, null,
                    String.join(", ", n.recipientKeyIds()));
            case Decryption.Damaged d -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, d.reason());
            case Decryption.NotEncrypted n -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, "not encrypted");
        };
    }

    private static String text(byte[] plaintext) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (CharacterCodingException e) {
            return new String(plaintext, StandardCharsets.ISO_8859_1);
        }
    }
}
