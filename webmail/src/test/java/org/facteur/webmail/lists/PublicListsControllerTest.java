package org.facteur.webmail.lists;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.lists.MemberLists.Joining;
import org.facteur.webmail.lists.MemberLists.OpenList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The public page of a domain's lists, without login: the lists, a double opt-in request, one answer, a bound per client. */
@WebMvcTest(PublicListsController.class)
@WebmailSlice
class PublicListsControllerTest {
    static final String NEWS = "news@example.org";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MemberLists lists;

    @BeforeEach
    void publicLists() {
        when(lists.publicLists("example.org")).thenReturn(List.of(new OpenList(NEWS, "news", "<b>Our news</b>", Joining.CONFIRM_BY_MAIL)));
        when(lists.publicLists("other.test")).thenReturn(List.of());
    }

    @Test
    void anyoneSeesTheDomainsPublicListsWithAFormEachAndNoLoginIsAsked() throws Exception {
        mvc.perform(get("/lists/public/Example.org"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mailing lists of example.org")))
                .andExpect(content().string(containsString("&lt;b&gt;Our news&lt;/b&gt;")))
                .andExpect(content().string(containsString("action=\"/lists/public/example.org/subscribe\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(not(containsString("Log out"))));
        mvc.perform(get("/lists/public/other.test")).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no list open to subscription at this address.")));
        mvc.perform(get("/lists/public/exa_mple!org")).andExpect(status().isNotFound());
    }

    @Test
    void aRequestAsksTheListManagerAndSaysTheSameWhateverHappened() throws Exception {
        MvcResult result = mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS)
                        .param("address", " dana@remote.test ").param("name", "Dana").with(csrf()))
                .andExpect(redirectedUrl("/lists/public/example.org"))
                .andExpect(flash().attribute("answer", "lists.public.sent")).andReturn();
        verify(lists).requestSubscription(NEWS, "dana@remote.test", "Dana");
        mvc.perform(get("/lists/public/example.org").flashAttrs(result.getFlashMap()))
                .andExpect(content().string(containsString("If this address may join news@example.org, a confirmation request")));
    }

    @Test
    void withoutCsrfTokenOrForAListNotOnThePageOrWithoutAnAddressNothingIsAsked() throws Exception {
        mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS).param("address", "dana@remote.test"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/lists/public/example.org/subscribe").param("list", "private@example.org")
                .param("address", "dana@remote.test").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS).param("address", "dana").with(csrf()))
                .andExpect(flash().attribute("answer", "lists.public.badAddress"));
        verify(lists, never()).requestSubscription(anyString(), anyString(), any());
    }

    @Test
    void oneClientAddressMakesFiveRequestsInTenMinutesThenIsToldToWait() throws Exception {
        for (int i = 0; i < PublicRequestAllowance.PER_WINDOW; i++) {
            mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS)
                            .param("address", "someone" + i + "@remote.test").with(csrf()).with(r -> {
                                r.setRemoteAddr("192.0.2.7");
                                return r;
                            }))
                    .andExpect(flash().attribute("answer", "lists.public.sent"));
        }
        mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS).param("address", "late@remote.test")
                        .with(csrf()).with(r -> {
                            r.setRemoteAddr("192.0.2.7");
                            return r;
                        }))
                .andExpect(flash().attribute("answer", "lists.public.tooMany"));
        mvc.perform(post("/lists/public/example.org/subscribe").param("list", NEWS).param("address", "other@remote.test")
                        .with(csrf()).with(r -> {
                            r.setRemoteAddr("192.0.2.8");
                            return r;
                        }))
                .andExpect(flash().attribute("answer", "lists.public.sent"));
        verify(lists, times(PublicRequestAllowance.PER_WINDOW + 1)).requestSubscription(anyString(), anyString(), any());
    }
}
