package org.facteur.webmail.settings;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
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

import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(SettingsController.class)
@WebmailSlice
class SettingsControllerTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    SettingsStore store;
    @MockitoBean
    AwayMessages away;

    @org.junit.jupiter.api.BeforeEach
    void noAwayMessage() throws Exception {
        when(away.load(any())).thenReturn(AwayMessage.NONE);
        when(store.load(any())).thenReturn(MemberSettings.NONE);
    }

    @Test
    void awayMessageIsShownAndSavedOnTheServer() throws Exception {
        when(away.load(any())).thenReturn(new AwayMessage(true, null, java.time.LocalDate.parse("2027-01-03"), "Congés", "Je reviens le 4."));
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("id=\"away-enabled\" name=\"enabled\" type=\"checkbox\" value=\"true\" checked")))
                .andExpect(content().string(containsString("value=\"2027-01-03\"")))
                .andExpect(content().string(containsString("Je reviens le 4.</textarea>")));
        mvc.perform(post("/settings/away").with(user(ALICE)).with(csrf()).session(alice())
                        .param("enabled", "true").param("start", "2026-12-20").param("end", "2027-01-03")
                        .param("subject", "Congés").param("body", "Je reviens le 4."))
                .andExpect(redirectedUrl("/settings#away"));
        verify(away).save(any(), eq(new AwayMessage(true, java.time.LocalDate.parse("2026-12-20"),
                java.time.LocalDate.parse("2027-01-03"), "Congés", "Je reviens le 4.")));
    }

    @Test
    void awayMessageMistakesAreExplainedAndNothingIsSaved() throws Exception {
        mvc.perform(post("/settings/away").with(user(ALICE)).with(csrf()).session(alice()).param("enabled", "true").param("body", " "))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Write the message people will receive.")));
        mvc.perform(post("/settings/away").with(user(ALICE)).with(csrf()).session(alice()).param("enabled", "true")
                        .param("body", "x").param("start", "2027-01-05").param("end", "2027-01-03"))
                .andExpect(content().string(containsString("The last day is before the first day.")));
        mvc.perform(post("/settings/away").with(user(ALICE)).with(csrf()).session(alice()).param("enabled", "true")
                        .param("body", "x").param("start", "next monday"))
                .andExpect(content().string(containsString("A date is not valid.")));
        verify(away, never()).save(any(), any());
    }

    @Test
    void explainsHowListsAndEncryptionWorkToday() throws Exception {
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()))
                .andExpect(content().string(not(containsString("will appear here"))))
                .andExpect(content().string(containsString("write to team-request@example.org")))
                .andExpect(content().string(containsString("SUBSCRIBE to join, SIGNOFF to leave")))
                .andExpect(content().string(containsString("a plain reply distributes it")))
                .andExpect(content().string(containsString("href=\"/settings/encryption\"")))
                .andExpect(content().string(containsString("on the Encryption page")))
                .andExpect(content().string(containsString("the recovery kit holds the key")));
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(content().string(not(containsString("apparaîtr"))))
                .andExpect(content().string(containsString("écrivez à equipe-request@example.org")))
                .andExpect(content().string(containsString("sur la page Chiffrement")));
    }

    @Test
    void showsTheIdentityAndRoomForListsAndEncryption() throws Exception {
        when(store.load(ALICE)).thenReturn(new MemberSettings("Alice <Martin>", "Trésorière"));
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Alice &lt;Martin&gt;\"")))
                .andExpect(content().string(containsString("Trésorière</textarea>")))
                .andExpect(content().string(containsString("id=\"lists\"")))
                .andExpect(content().string(containsString("id=\"encryption\"")))
                .andExpect(content().string(containsString("<label for=\"signature\">Signature</label>")));
    }

    @Test
    void savesAndRefusesWhatIsTooLong() throws Exception {
        mvc.perform(post("/settings").with(user(ALICE)).with(csrf()).session(alice())
                        .param("displayName", "Alice Martin").param("signature", "-- \r\nAlice"))
                .andExpect(redirectedUrl("/settings"));
        verify(store).save(eq(ALICE), eq(new MemberSettings("Alice Martin", "-- \nAlice")));
        mvc.perform(post("/settings").with(user(ALICE)).with(csrf()).session(alice())
                        .param("displayName", "x".repeat(101)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("too long")));
        verify(store, never()).save(eq(ALICE), eq(new MemberSettings("x".repeat(101), "")));
    }

    @Test
    void savingWithoutCsrfIsRefused() throws Exception {
        mvc.perform(post("/settings").with(user(ALICE)).session(alice()).param("displayName", "Mallory"))
                .andExpect(status().isForbidden());
        verify(store, never()).save(any(), any());
    }

    @Test
    void groupingByConversationIsItsOwnFormAndKeepsTheIdentity() throws Exception {
        when(store.load(ALICE)).thenReturn(new MemberSettings("Alice", "A."));
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Regrouper les messages par conversation")))
                .andExpect(content().string(containsString(
                        "id=\"conversations\" name=\"conversations\" type=\"checkbox\" value=\"true\">")));
        mvc.perform(post("/settings/list").with(user(ALICE)).with(csrf()).session(alice()).param("conversations", "true"))
                .andExpect(redirectedUrl("/settings#list"));
        verify(store).save(eq(ALICE), eq(new MemberSettings("Alice", "A.", true)));

        when(store.load(ALICE)).thenReturn(new MemberSettings("Alice", "A.", true));
        mvc.perform(get("/settings").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString(
                        "id=\"conversations\" name=\"conversations\" type=\"checkbox\" value=\"true\" checked")));
        // saving the identity leaves the list as it is; an unticked box turns grouping off
        mvc.perform(post("/settings").with(user(ALICE)).with(csrf()).session(alice()).param("displayName", "Alice M."))
                .andExpect(redirectedUrl("/settings"));
        verify(store).save(eq(ALICE), eq(new MemberSettings("Alice M.", "", true)));
        mvc.perform(post("/settings/list").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/settings#list"));
        verify(store).save(eq(ALICE), eq(new MemberSettings("Alice", "A.", false)));
        mvc.perform(post("/settings/list").with(user(ALICE)).session(alice()).param("conversations", "true"))
                .andExpect(status().isForbidden());
    }
}
