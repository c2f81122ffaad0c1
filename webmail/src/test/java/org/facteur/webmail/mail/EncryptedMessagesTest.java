package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.KeySpec;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.webmail.encryption.UnlockedSessions;
import org.facteur.webmail.imap.MailboxSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message encrypted with PGP/MIME (as encryption at rest stores it) that carries a file: once decrypted, the file is
 * listed like a plain attachment, downloads with its exact bytes (decrypted again for the download), and goes along a
 * forward; a number that names no part, or a key the message is not encrypted to, finds nothing.
 */
class EncryptedMessagesTest {
    static final byte[] PLAN = plan();
    static final String ALICE = org.facteur.webmail.WebmailSlice.Sessions.ALICE;
    final MailReader reader = mock(MailReader.class);
    final SignerKeys signers = mock(SignerKeys.class);
    final EncryptedMessages messages = new EncryptedMessages(reader, signers);
    final MailboxSession mailbox = new MailboxSession(ALICE, "pw".toCharArray(), null, null);
    final UnlockedKey key = UnlockedSessions.aliceKey().secretKey().unlock(UnlockedSessions.PASSPHRASE.toCharArray());
    final MessageView stored = new MessageView("INBOX", 4, "bob@example.org", List.of(), List.of(ALICE), List.of(),
            "Plan du local", Instant.now(), null, null, List.of(), false, "", "", "", MessageView.Omissions.NONE,
            OpenPgp.ENCRYPTED);

    @BeforeEach
    void storedEncrypted() throws Exception {
        when(signers.of(any(), any())).thenReturn(List.of());
        when(reader.raw(any(), eq("INBOX"), eq(4L))).thenReturn(encryptedWithAttachment());
    }

    @Test
    void theAttachmentInsideIsListedWithItsNameTypeAndSize() throws Exception {
        DecryptedMessage opened = messages.open(mailbox, stored, key);
        assertThat(opened.readable()).isTrue();
        assertThat(opened.message().text()).contains("la porte du fond reste fermée");
        assertThat(opened.message().attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("plan d'accès.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(a.size()).isGreaterThanOrEqualTo(PLAN.length);
        });
        assertThat(opened.message().attachmentCount()).isEqualTo(1);
        assertThat(opened.message().omitted().attachmentsNotShown()).isZero();
    }

    @Test
    void theAttachmentDownloadsWithItsExactBytesDecryptedAgain() throws Exception {
        int index = messages.open(mailbox, stored, key).message().attachments().get(0).index();
        MailReader.AttachmentContent content = messages.attachment(mailbox, "INBOX", 4, index, key);
        assertThat(content.bytes()).isEqualTo(PLAN);
        assertThat(content.filename()).isEqualTo("plan d'accès.pdf");
        assertThat(content.contentType()).isEqualTo("application/pdf");
        verify(reader, times(2)).raw(any(), eq("INBOX"), eq(4L)); // nothing decrypted was kept from the page
    }

    @Test
    void aNumberThatNamesNoPartIsNotFound() {
        assertThatThrownBy(() -> messages.attachment(mailbox, "INBOX", 4, 9, key)).isInstanceOf(MailReader.NotFoundException.class);
        assertThatThrownBy(() -> messages.attachment(mailbox, "INBOX", 4, -1, key)).isInstanceOf(MailReader.NotFoundException.class);
    }

    @Test
    void aKeyTheMessageIsNotEncryptedToFindsNothing() {
        UnlockedKey other = new org.facteur.pgp.OpenPgp().generateKey(KeySpec.forMailbox(null, "eve@example.org"),
                "eve".toCharArray()).secretKey().unlock("eve".toCharArray());
        assertThatThrownBy(() -> messages.attachment(mailbox, "INBOX", 4, 1, other)).isInstanceOf(MailReader.NotFoundException.class);
    }

    @Test
    void aForwardGetsTheDecryptedParts() throws Exception {
        List<MessageParts.Located> carried = messages.attachments(mailbox, "INBOX", 4, key);
        assertThat(carried).singleElement().satisfies(l -> {
            assertThat(l.attachment().filename()).isEqualTo("plan d'accès.pdf");
            assertThat(MessageParts.bytes(l.part())).isEqualTo(PLAN);
        });
    }

    /** Bob's message as it goes over the wire (the file name in RFC 2231 form), encrypted to alice's key. */
    private static byte[] encryptedWithAttachment() throws Exception {
        String wire = "From: bob@example.org\r\nTo: " + ALICE + "\r\nSubject: Plan du local\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Le plan est joint, la porte du fond reste fermée.\r\n"
                + "--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''plan%20d%27acc%C3%A8s.pdf\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(PLAN) + "\r\n--b1--\r\n";
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
        MimeMessage encrypted = new PgpMime().encrypt(m, List.of(UnlockedSessions.aliceKey().secretKey().certificate()),
                HeaderProtection.KEEP_SUBJECT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encrypted.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] plan() {
        byte[] plan = new byte[3000];
        for (int i = 0; i < plan.length; i++) {
            plan[i] = (byte) (i * 31 + i / 256);
        }
        return plan;
    }
}
