package org.facteur.webmail.lists;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
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

import java.util.List;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.lists.MemberLists.Answer;
import org.facteur.webmail.lists.MemberLists.Joining;
import org.facteur.webmail.lists.MemberLists.Membership;
import org.facteur.webmail.lists.MemberLists.OpenList;
import org.facteur.webmail.lists.MemberLists.Reception;
import org.facteur.webmail.lists.MemberLists.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(MyListsController.class)
@WebmailSlice
class MyListsControllerTest {
    static final String TEAM = "team@example.org";
    static final String NEWS = "news@example.org";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MemberLists lists;

    @BeforeEach
    void listsOnThisServer() {
        when(lists.available()).thenReturn(true);
        when(lists.memberships(ALICE)).thenReturn(List.of(
                new Membership(TEAM, "team", "<i>The team</i>", true, false, false, Reception.DIGEST, true),
                new Membership("board@example.org", "board", "", false, true, false, Reception.MAIL, false)));
        when(lists.openLists(ALICE)).thenReturn(List.of(new OpenList(NEWS, "news", "", Joining.CONFIRM_BY_MAIL)));
    }

    @Test
    void herListsWithRolesModesAndUnsubscribeAndTheListsSheCanJoin() throws Exception {
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;i&gt;The team&lt;/i&gt;")))
                .andExpect(content().string(containsString("<option value=\"DIGEST\" selected=\"selected\">A digest (MIME)</option>")))
                .andExpect(content().string(containsString("aria-label=\"Unsubscribe from team@example.org\"")))
                .andExpect(content().string(not(containsString("aria-label=\"Unsubscribe from board@example.org\""))))
                .andExpect(content().string(containsString("owner")))
                .andExpect(content().string(containsString("You confirm by replying to a mail.")))
                .andExpect(content().string(containsString("aria-label=\"Subscribe to news@example.org\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("href=\"/lists/held\"")))
                .andExpect(content().string(containsString("href=\"/lists/archive/team@example.org\"")))
                .andExpect(content().string(not(containsString("href=\"/lists/archive/board@example.org\""))));
    }

    @Test
    void requestsRunAsTheSessionsMemberAndSayWhatHappened() throws Exception {
        when(lists.subscribe(ALICE, NEWS)).thenReturn(new Answer(Result.CONFIRMATION_SENT, NEWS));
        MvcResult result = mvc.perform(post("/lists/subscribe").param("list", NEWS).param("member", "bob@example.org")
                        .with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/lists")).andReturn();
        verify(lists).subscribe(ALICE, NEWS);
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("A confirmation request for news@example.org was sent to your address")));

        when(lists.unsubscribe(ALICE, TEAM)).thenReturn(new Answer(Result.DONE, TEAM));
        result = mvc.perform(post("/lists/unsubscribe").param("list", TEAM).with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/lists")).andReturn();
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Vous n’êtes plus abonné à team@example.org.")));

        when(lists.setReception(ALICE, TEAM, Reception.NOMAIL)).thenReturn(new Answer(Result.DONE, TEAM));
        result = mvc.perform(post("/lists/reception").param("list", TEAM).param("mode", "NOMAIL").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/lists")).andReturn();
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("You receive nothing from team@example.org for now")));
    }

    @Test
    void anUnknownModeIsABadRequestAndNothingRunsWithoutTheToken() throws Exception {
        mvc.perform(post("/lists/reception").param("list", TEAM).param("mode", "EVERYTHING").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/lists/unsubscribe").param("list", TEAM).with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden());
        verify(lists, never()).setReception(anyString(), anyString(), any());
        verify(lists, never()).unsubscribe(anyString(), anyString());
    }

    @Test
    void aClosedListAndTheServerWithoutListsAreSaidPlainly() throws Exception {
        when(lists.subscribe(ALICE, "board@example.org")).thenReturn(new Answer(Result.CLOSED, "board@example.org"));
        MvcResult result = mvc.perform(post("/lists/subscribe").param("list", "board@example.org").with(user(ALICE)).with(csrf()).session(alice()))
                .andReturn();
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("board@example.org is closed: only its owners can add members.")));
        when(lists.available()).thenReturn(false);
        mvc.perform(get("/lists").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("There are no mailing lists on this server.")))
                .andExpect(content().string(not(containsString("Lists you can join"))));
    }
}
