package org.facteur.webmail.mail;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The search page's "best matches" choice, with the port answering; the exact IMAP search stays the default. */
@WebMvcTest(MailController.class)
@WebmailSlice
class BestMatchesControllerTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    MailReader reader;
    @MockitoBean
    MailActions actions;
    @MockitoBean
    EncryptedMessages encrypted;
    @MockitoBean
    SignedMessages signed;
    @MockitoBean
    ConversationReader conversations;
    @MockitoBean
    BestMatches best;

    @BeforeEach
    void wired() throws Exception {
        when(best.available()).thenReturn(true);
        when(reader.folders(any())).thenReturn(List.of(new FolderSummary("INBOX", "INBOX", 0, 3),
                new FolderSummary("Projets", "Projets", 0, 1)));
    }

    @Test
    void bestMatchesAreListedRankedWithTheirFolderAndOpenTheMessage() throws Exception {
        when(best.find(eq(ALICE), eq("réunions"), eq(MailController.BEST_MATCHES))).thenReturn(List.of(
                new BestMatches.Match("Projets", 4, 2.5, "Réunion de lancement", "Dave <dave@example.org>",
                        Instant.parse("2026-12-01T09:00:00Z")),
                new BestMatches.Match("INBOX", 17, 1.1, "Lunch <b>", "Eve <eve@example.org>", null)));
        String page = mvc.perform(get("/mail").param("q", " réunions ").param("mode", "best").param("folder", "INBOX")
                        .with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Meilleurs résultats pour « réunions » : 2")))
                .andExpect(content().string(containsString("href=\"/mail/message?folder=Projets&amp;uid=4\"")))
                .andExpect(content().string(containsString("href=\"/mail/message?folder=INBOX&amp;uid=17\"")))
                .andExpect(content().string(containsString("Lunch &lt;b&gt;")))
                .andExpect(content().string(containsString("Boîte de réception"))) // the folder, named as in the list
                .andExpect(content().string(containsString("<option value=\"best\" selected=\"selected\"")))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page.indexOf("Réunion de lancement")).isLessThan(page.indexOf("Lunch &lt;b&gt;"));
        verify(reader, never()).search(any(), anyString(), anyString(), any(), anyInt());
    }

    @Test
    void theExactSearchStaysTheDefault() throws Exception {
        when(reader.search(any(), eq("INBOX"), eq("picnic"), eq(SearchField.ANY), eq(1)))
                .thenReturn(new MessagePage("INBOX", List.of(new MessageSummary(3, "bob@example.org", "Picnic", null, true)), 1, 1, 1));
        mvc.perform(get("/mail?q=picnic").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Search for “picnic”: 1 found")))
                .andExpect(content().string(containsString("<option value=\"exact\" selected=\"selected\"")))
                .andExpect(content().string(containsString("Best matches, all folders")));
        verify(best, never()).find(anyString(), anyString(), anyInt());
    }

    @Test
    void aServerThatIsStartingSaysSo() throws Exception {
        when(best.find(anyString(), anyString(), anyInt()))
                .thenThrow(new BestMatches.UnavailableException("The mail server is still starting; try again in a moment."));
        mvc.perform(get("/mail?q=budget&mode=best").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The mail server is still starting")))
                .andExpect(content().string(not(containsString("No message matches."))));
    }
}
