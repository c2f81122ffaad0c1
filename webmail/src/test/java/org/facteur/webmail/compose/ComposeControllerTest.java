package org.facteur.webmail.compose;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.time.Instant;
import java.util.List;

import org.facteur.webmail.mail.MessageView;
import org.facteur.webmail.settings.MemberSettings;
import org.springframework.mock.web.MockMultipartFile;
import org.junit.jupiter.api.Test;

class ComposeControllerTest extends ComposeSlice {
    @Test
    void newMessageStartsWithTheSignature() throws Exception {
        when(settings.load(ALICE)).thenReturn(new MemberSettings("Alice", "Alice Martin\nTrésorière"));
        mvc.perform(get("/compose").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("-- \nAlice Martin\nTr&eacute;sori&egrave;re")));
    }

    @Test
    void replyIsPrefilledQuotedAndThreaded() throws Exception {
        when(reader.message(any(), eq("INBOX"), eq(7L))).thenReturn(new MessageView("INBOX", 7, "bob@example.org",
                List.of(), List.of(ALICE, "carol@example.org"), List.of("dan@example.org"), "Budget", Instant.parse("2026-03-01T10:00:00Z"),
                "Numbers attached.\nBob", null, List.of(), false, "<m1@example.org>", null, "<m0@example.org>"));
        mvc.perform(get("/compose?mode=all&folder=INBOX&uid=7").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"bob@example.org\"")))
                .andExpect(content().string(containsString("value=\"carol@example.org, dan@example.org\"")))
                .andExpect(content().string(containsString("value=\"Re: Budget\"")))
                .andExpect(content().string(containsString("&gt; Numbers attached.")))
                .andExpect(content().string(containsString("value=\"&lt;m1@example.org&gt;\"")))
                .andExpect(content().string(containsString("value=\"&lt;m0@example.org&gt; &lt;m1@example.org&gt;\"")));
    }

    @Test
    void uploadedFilesAreSentAsAttachments() throws Exception {
        MockMultipartFile file = new MockMultipartFile("attachments", "rapport.pdf", "application/pdf", new byte[] {1, 2, 3});
        mvc.perform(multipart("/compose").file(file).with(user(ALICE)).with(csrf()).session(alice())
                        .param("to", "bob@example.org").param("subject", "Report"))
                .andExpect(redirectedUrl("/mail"));
        verify(sender).send(any(), any(), argThat(list -> list.size() == 1 && list.get(0).filename().equals("rapport.pdf")
                && list.get(0).bytes().length == 3), any(), eq(Protection.NONE));
    }

    @Test
    void autosavedDraftAnswersWithItsUid() throws Exception {
        when(sender.saveDraft(any(), any(), any(), any())).thenReturn(new MailSender.SavedDraft(42, false));
        mvc.perform(post("/compose/draft").with(user(ALICE)).with(csrf()).session(alice()).accept("application/json")
                        .param("to", "bob@@exa").param("subject", "Half-written"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"draftUid\":42}"));
        verify(sender).saveDraft(any(), argThat(f -> f.getSubject().equals("Half-written") && f.getTo().isEmpty()), any(), any());
    }

    @Test
    void composePageHasLabelledFields() throws Exception {
        mvc.perform(get("/compose").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<label for=\"to\">To</label>")))
                .andExpect(content().string(containsString("<label for=\"subject\">Subject</label>")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"pgp\""))));
    }

    @Test
    void sendingHandsTheFormToTheSenderAndReturnsToTheInbox() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice())
                        .param("to", "bob@example.org").param("subject", "Hi").param("body", "Hello Bob"))
                .andExpect(redirectedUrl("/mail"))
                .andExpect(flash().attribute("notice", "compose.sent"));
        verify(sender).send(argThat(m -> m.address().equals(ALICE)),
                argThat(f -> f.getTo().equals("bob@example.org") && f.getBody().equals("Hello Bob")), any(), any(), eq(Protection.NONE));
    }

    @Test
    void sendingPutsToCcAndBccWithTheirNamesInTheAddressBook() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice())
                        .param("to", "Bob Martin <bob@example.org>, \"Durand, Élise\" <elise@example.org>")
                        .param("cc", "carol@example.org").param("bcc", "Dan <dan@example.org>").param("subject", "Hi"))
                .andExpect(redirectedUrl("/mail"));
        verify(addressBook).sent(eq(ALICE), argThat(list -> list.stream().map(a -> a.getPersonal() + "|" + a.getAddress()).toList()
                .equals(List.of("Bob Martin|bob@example.org", "Durand, Élise|elise@example.org", "null|carol@example.org",
                        "Dan|dan@example.org"))));
    }

    @Test
    void aMessageNotSentAddsNobody() throws Exception {
        when(sender.send(any(), any(), any(), any(), any())).thenThrow(new jakarta.mail.SendFailedException("550 no"));
        when(sender.saveDraft(any(), any(), any(), any())).thenReturn(new MailSender.SavedDraft(5, false));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", "bob@example.org"))
                .andExpect(content().string(containsString("The server refused the message")));
        mvc.perform(post("/compose/draft").with(user(ALICE)).with(csrf()).session(alice()).param("to", "carol@example.org"))
                .andExpect(status().is3xxRedirection());
        verify(addressBook, never()).sent(any(), any());
    }

    @Test
    void theAddressFieldsOfferCompletionFromTheSitesOwnScript() throws Exception {
        mvc.perform(get("/compose").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("data-complete-url=\"/contacts/complete\"")))
                .andExpect(content().string(containsString("<script src=\"/webmail/complete.js\" defer></script>")))
                .andExpect(content().string(containsString("id=\"cc\" type=\"text\" data-complete")));
    }

    @Test
    void sendingWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).session(alice()).param("to", "bob@example.org"))
                .andExpect(status().isForbidden());
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }

    @Test
    void missingOrInvalidRecipientIsExplainedAndNothingIsSent() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter at least one recipient.")));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", "bob@@example..org"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("An address is not valid")));
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }
}
