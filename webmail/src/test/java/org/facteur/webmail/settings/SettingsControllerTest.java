package org.facteur.webmail.settings;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
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
}
