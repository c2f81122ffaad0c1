package org.facteur.webmail.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;
import jakarta.servlet.http.HttpSession;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.imap.MailConnector;
import org.facteur.webmail.imap.MailboxSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(LoginController.class)
@WebmailSlice
@Import(ImapAuthenticationProvider.class)
class LoginControllerTest {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    MailConnector connector;

    @Test
    void loginPageHasLabelledFieldsAndCsrfTokenAndStrictPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(content().string(containsString("<label for=\"username\">Email address</label>")))
                .andExpect(content().string(containsString("name=\"password\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void rightPasswordOpensTheMailboxInTheSession() throws Exception {
        Store store = mock(Store.class);
        when(connector.connect(eq("alice@example.org"), eq("S3cret-pass"), anyString())).thenReturn(store);
        MvcResult result = mvc.perform(post("/login").with(csrf()).with(r -> {
                            r.setRemoteAddr("203.0.113.7");
                            return r;
                        })
                        .param("username", " Alice@Example.org ").param("password", "S3cret-pass"))
                .andExpect(redirectedUrl("/mail"))
                .andReturn();
        HttpSession session = result.getRequest().getSession(false);
        assertThat(session.getAttribute(MailboxSession.ATTRIBUTE)).isInstanceOfSatisfying(MailboxSession.class,
                m -> assertThat(m.address()).isEqualTo("alice@example.org"));
        assertThat(session.getAttribute(MailboxSession.ATTRIBUTE).toString()).doesNotContain("S3cret");
        verify(connector).connect("alice@example.org", "S3cret-pass", "203.0.113.7");
    }

    @Test
    void wrongPasswordShowsAClearMessage() throws Exception {
        when(connector.connect(anyString(), eq("nope"), anyString()))
                .thenThrow(new AuthenticationFailedException("[AUTHENTICATIONFAILED] Authentication failed: wrong address or password."));
        mvc.perform(post("/login").with(csrf()).param("username", "alice@example.org").param("password", "nope"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login?error")).andExpect(content().string(containsString("Wrong address or password.")));
        mvc.perform(get("/login?error").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Adresse ou mot de passe incorrect.")));
    }

    @Test
    void theMailServersThrottlingIsShownAsTheThrottledMessage() throws Exception {
        when(connector.connect(eq("mallory-target@example.org"), anyString(), anyString()))
                .thenThrow(new AuthenticationFailedException("[UNAVAILABLE] Too many failed logins from your address: try again later."));
        mvc.perform(post("/login").with(csrf()).param("username", "mallory-target@example.org").param("password", "guess"))
                .andExpect(redirectedUrl("/login?throttled"));
        mvc.perform(get("/login?throttled")).andExpect(content().string(containsString("Too many failed attempts.")));
        mvc.perform(get("/login?throttled").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Trop de tentatives échouées.")));
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "alice@example.org").param("password", "S3cret-pass"))
                .andExpect(status().isForbidden());
    }

    @Test
    void logoutClosesTheMailbox() throws Exception {
        Store store = mock(Store.class);
        when(connector.connect(eq("alice@example.org"), eq("S3cret-pass"), anyString())).thenReturn(store);
        MvcResult login = mvc.perform(post("/login").with(csrf())
                .param("username", "alice@example.org").param("password", "S3cret-pass")).andReturn();
        mvc.perform(post("/logout").with(csrf()).session((org.springframework.mock.web.MockHttpSession) login.getRequest().getSession()))
                .andExpect(redirectedUrl("/login?logout"));
        verify(store).close();
    }

    @Test
    void healthIsLeftToItsOwnControllerAndEverythingElseIsDeniedByDefault() throws Exception {
        // /health is public: no controller in this slice, so 404 from MVC, not a redirect to the login page.
        mvc.perform(get("/health")).andExpect(status().isNotFound());
        // The admin API is not on this server at all (its own loopback server, #16.1): its old paths are
        // webmail paths like any other, so a stranger is sent to the login page and a write without CSRF is refused.
        mvc.perform(get("/admin/api/users")).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(post("/admin/api/domains")).andExpect(status().isForbidden());
    }
}
