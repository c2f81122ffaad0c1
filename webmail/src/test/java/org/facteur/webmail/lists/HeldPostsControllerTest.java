package org.facteur.webmail.lists;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.lists.MemberLists.Decision;
import org.facteur.webmail.lists.MemberLists.HeldPost;
import org.facteur.webmail.lists.MemberLists.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(HeldPostsController.class)
@WebmailSlice
class HeldPostsControllerTest {
    static final String KEY = "abcdefghijklmnopqrstuvwxy";
    static final HeldPost HELD = new HeldPost(KEY, "team@example.org", "x@remote.test", "<b>Hello</b> all",
            Instant.parse("2026-11-22T10:00:00Z"), "<script>alert(1)</script> A question");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MemberLists lists;

    @BeforeEach
    void listsOnThisServer() {
        when(lists.available()).thenReturn(true);
        when(lists.heldPosts(ALICE)).thenReturn(List.of(HELD));
    }

    @Test
    void theModeratorSeesHerHeldPostsAsTextWithApproveAndRejectForms() throws Exception {
        mvc.perform(get("/lists/held").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("x@remote.test")))
                .andExpect(content().string(containsString("team@example.org")))
                .andExpect(content().string(containsString("&lt;b&gt;Hello&lt;/b&gt; all")))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt; A question")))
                .andExpect(content().string(not(containsString("<script>"))))
                .andExpect(content().string(not(containsString("<b>Hello"))))
                .andExpect(content().string(containsString("action=\"/lists/held/" + KEY + "/approve\" method=\"post\"")))
                .andExpect(content().string(containsString("action=\"/lists/held/" + KEY + "/reject\" method=\"post\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("href=\"/lists/held\"")));
    }

    @Test
    void withoutHeldPostsOrWithoutListsThePageSaysSo() throws Exception {
        when(lists.heldPosts(ALICE)).thenReturn(List.of());
        mvc.perform(get("/lists/held").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("No post is waiting for a decision.")));
        when(lists.available()).thenReturn(false);
        mvc.perform(get("/lists/held").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Ce serveur n’héberge pas de listes de diffusion.")));
    }

    @Test
    void approvingGoesToTheListManagerAsTheSessionsMemberAndSaysWhatHappened() throws Exception {
        when(lists.decide(ALICE, KEY, true, "")).thenReturn(
                new Decision(Outcome.DISTRIBUTED, "Hello all", "team@example.org", Optional.of(ALICE), Optional.of(Instant.now())));
        MvcResult result = mvc.perform(post("/lists/held/" + KEY + "/approve").param("member", "bob@example.org")
                        .with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/lists/held"))
                .andExpect(flash().attributeExists("decision"))
                .andReturn();
        verify(lists).decide(ALICE, KEY, true, "");
        mvc.perform(get("/lists/held").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("The message &quot;Hello all&quot; was distributed to team@example.org.")));
    }

    @Test
    void aPostHandledByMailFirstGetsASentenceSayingWhoDecided() throws Exception {
        when(lists.decide(ALICE, KEY, false, "Not here")).thenReturn(new Decision(Outcome.ALREADY_DISTRIBUTED, "Hello all",
                "team@example.org", Optional.of("mod@example.org"), Optional.of(Instant.parse("2026-11-22T11:00:00Z"))));
        MvcResult result = mvc.perform(post("/lists/held/" + KEY + "/reject").param("reason", "  Not here ")
                        .with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/lists/held")).andReturn();
        mvc.perform(get("/lists/held").with(user(ALICE)).session(alice()).flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("was already handled: mod@example.org distributed it on 2026-11-22")))
                .andExpect(content().string(containsString("Nothing was changed.")));
    }

    @Test
    void aPostOfAListSheDoesNotModerateIsA403WithASentence() throws Exception {
        when(lists.decide(ALICE, KEY, true, "")).thenReturn(new Decision(Outcome.FORBIDDEN, "", "", Optional.empty(), Optional.empty()));
        mvc.perform(post("/lists/held/" + KEY + "/approve").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("You are neither an owner nor a moderator of this list")));
    }

    @Test
    void decisionsNeedTheCsrfTokenAndALogin() throws Exception {
        mvc.perform(post("/lists/held/" + KEY + "/approve").with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/lists/held")).andExpect(redirectedUrlPattern("**/login"));
        verify(lists, never()).decide(anyString(), anyString(), anyBoolean(), anyString());
    }
}
