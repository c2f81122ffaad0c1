package org.facteur.webmail.compose;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;

import org.facteur.webmail.encryption.UnlockedSessions;
import org.facteur.webmail.mail.DecryptedMessage;
import org.facteur.webmail.mail.MessageParts;
import org.facteur.webmail.mail.MessageView;
import org.facteur.webmail.mail.OpenPgp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replying to or forwarding an encrypted message: with the key unlocked, the decrypted text is quoted and a forward
 * carries the decrypted attachments (decrypted again when sending); locked, the stored form is quoted as before and a
 * forward that needs decrypting is refused with a sentence, not sent with the wrong files.
 */
class ComposeDecryptedOriginalTest extends ComposeSlice {
    static final byte[] PLAN = {37, 80, 68, 70, 0, -1, 13, 10};
    final MessageView stored = new MessageView("INBOX", 6, "bob@example.org", List.of(), List.of(ALICE), List.of(),
            "Plan du local", Instant.parse("2026-03-01T10:00:00Z"), "Version: 1", null,
            List.of(new MessageParts.Attachment(1, "encrypted.asc", "application/octet-stream", 900)), false,
            "<p1@example.org>", null, null, MessageView.Omissions.NONE, OpenPgp.ENCRYPTED);
    final MessageView inside = new MessageView("INBOX", 6, "bob@example.org", List.of(), List.of(ALICE), List.of(),
            "Plan du local", Instant.parse("2026-03-01T10:00:00Z"), "La porte du fond reste fermée.", null,
            List.of(new MessageParts.Attachment(1, "plan.pdf", "application/pdf", PLAN.length)), false,
            "<p1@example.org>", null, null, MessageView.Omissions.NONE, OpenPgp.ENCRYPTED);

    @BeforeEach
    void anEncryptedMessage() throws Exception {
        when(reader.message(any(), eq("INBOX"), eq(6L))).thenReturn(stored);
        when(encrypted.open(any(), eq(stored), any())).thenReturn(
                new DecryptedMessage(inside, DecryptedMessage.Outcome.DECRYPTED, null, null));
    }

    @Test
    void aReplyQuotesTheDecryptedTextWhileTheKeyIsUnlocked() throws Exception {
        mvc.perform(get("/compose?mode=reply&folder=INBOX&uid=6").with(user(ALICE)).session(UnlockedSessions.alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&gt; La porte du fond reste ferm&eacute;e.")))
                .andExpect(content().string(not(containsString("Version: 1"))));
    }

    @Test
    void lockedTheReplyQuotesTheStoredFormAsBefore() throws Exception {
        mvc.perform(get("/compose?mode=reply&folder=INBOX&uid=6").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("&gt; Version: 1")))
                .andExpect(content().string(not(containsString("porte du fond"))));
        verify(encrypted, never()).open(any(), any(), any());
    }

    @Test
    void aForwardListsTheDecryptedAttachmentsAndSendsThemDecryptedAgain() throws Exception {
        mvc.perform(get("/compose?mode=forward&folder=INBOX&uid=6").with(user(ALICE)).session(UnlockedSessions.alice()))
                .andExpect(content().string(containsString("La porte du fond reste ferm&eacute;e.")))
                .andExpect(content().string(containsString("<li>plan.pdf (8 B)</li>")))
                .andExpect(content().string(not(containsString("encrypted.asc"))))
                .andExpect(content().string(containsString("name=\"attachDecrypted\" value=\"true\"")));

        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(PLAN, "application/pdf")));
        when(encrypted.attachments(any(), eq("INBOX"), eq(6L), any())).thenReturn(List.of(new MessageParts.Located(
                new MessageParts.Attachment(1, "plan.pdf", "application/pdf", PLAN.length), part)));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(UnlockedSessions.alice()).param("to", "carol@example.org")
                        .param("subject", "Fwd: Plan du local").param("attachFromFolder", "INBOX").param("attachFromUid", "6")
                        .param("attachDecrypted", "true"))
                .andExpect(redirectedUrl("/mail"));
        verify(sender).send(any(), argThat(ComposeForm::isAttachDecrypted), argThat(uploads -> uploads.size() == 1
                && uploads.get(0).filename().equals("plan.pdf") && uploads.get(0).contentType().equals("application/pdf")
                && Arrays.equals(uploads.get(0).bytes(), PLAN)), any(), any());
    }

    @Test
    void aDecryptedForwardSentOnceTheKeyIsLockedIsRefusedWithASentence() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", "carol@example.org")
                        .param("subject", "Fwd: Plan du local").param("attachFromFolder", "INBOX").param("attachFromUid", "6")
                        .param("attachDecrypted", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Not sent: your OpenPGP key is locked")));
        verify(encrypted, never()).attachments(any(), any(), anyLong(), any());
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }
}
