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

import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ComposeController.class)
@WebmailSlice
class ComposeControllerTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    MailSender sender;

    @Test
    void composePageHasLabelledFields() throws Exception {
        mvc.perform(get("/compose").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<label for=\"to\">To</label>")))
                .andExpect(content().string(containsString("<label for=\"subject\">Subject</label>")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void sendingHandsTheFormToTheSenderAndReturnsToTheInbox() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice())
                        .param("to", "bob@example.org").param("subject", "Hi").param("body", "Hello Bob"))
                .andExpect(redirectedUrl("/mail"))
                .andExpect(flash().attribute("notice", "compose.sent"));
        verify(sender).send(argThat(m -> m.address().equals(ALICE)),
                argThat(f -> f.getTo().equals("bob@example.org") && f.getBody().equals("Hello Bob")));
    }

    @Test
    void sendingWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).session(alice()).param("to", "bob@example.org"))
                .andExpect(status().isForbidden());
        verify(sender, never()).send(any(), any());
    }

    @Test
    void missingOrInvalidRecipientIsExplainedAndNothingIsSent() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter at least one recipient.")));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", "bob@@example..org"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("An address is not valid")));
        verify(sender, never()).send(any(), any());
    }
}
