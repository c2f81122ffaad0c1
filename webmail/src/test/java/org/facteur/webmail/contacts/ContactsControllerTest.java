package org.facteur.webmail.contacts;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.imap.MailboxSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ContactsController.class)
@WebmailSlice
@Import(ContactsControllerTest.RealBooks.class)
class ContactsControllerTest {
    static final String BOB = "bob@example.org";
    static final Path DIR = temporaryDirectory();
    @Autowired
    MockMvc mvc;
    @Autowired
    AddressBook book;

    /** The real address books, in files under a directory of this test. */
    static class RealBooks {
        @Bean
        AddressBook addressBook() {
            return new AddressBook(new FileContactStore(DIR), Clock.systemUTC());
        }
    }

    @BeforeEach
    void twoBooks() throws IOException {
        clear();
        book.sent(ALICE, parse("\"Martin, Carol\" <carol@example.org>, dan@example.org"));
        book.sent(BOB, parse("Carla <carla@example.net>, Eve <eve@example.net>"));
    }

    @Test
    void completionGivesTheLoggedInMemberHerOwnContactsOnly() throws Exception {
        mvc.perform(get("/contacts/complete").param("q", "ca").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("application/json")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(jsonPath("$.contacts", hasSize(1)))
                .andExpect(jsonPath("$.contacts[0].name").value("Martin, Carol"))
                .andExpect(jsonPath("$.contacts[0].address").value("carol@example.org"))
                .andExpect(jsonPath("$.contacts[0].value").value("\"Martin, Carol\" <carol@example.org>"));
        mvc.perform(get("/contacts/complete").param("q", "eve").with(user(ALICE)).session(alice()))
                .andExpect(jsonPath("$.contacts", hasSize(0)));
        mvc.perform(get("/contacts/complete").param("q", "ca").with(user(BOB)).session(session(BOB)))
                .andExpect(jsonPath("$.contacts", hasSize(1)))
                .andExpect(jsonPath("$.contacts[0].address").value("carla@example.net"));
    }

    @Test
    void theMemberIsTheSessionsNeverAParameter() throws Exception {
        mvc.perform(get("/contacts/complete").param("q", "eve").param("member", BOB).param("address", BOB)
                        .with(user(BOB)).session(alice()))
                .andExpect(jsonPath("$.contacts", hasSize(0)));
    }

    @Test
    void withoutALoginThereIsNoCompletion() throws Exception {
        mvc.perform(get("/contacts/complete").param("q", "ca"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(get("/contacts/complete").param("q", "ca").with(user(ALICE)).session(new MockHttpSession()))
                .andExpect(redirectedUrl("/login?expired"));
        mvc.perform(get("/settings/contacts")).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void namesComeBackAsJsonStringsAndLongQueriesFindNothing() throws Exception {
        book.sent(ALICE, List.of(new InternetAddress("zed@example.org", "<img src=x onerror=alert(1)>\"}", "UTF-8")));
        mvc.perform(get("/contacts/complete").param("q", "zed").with(user(ALICE)).session(alice()))
                .andExpect(jsonPath("$.contacts[0].name").value("<img src=x onerror=alert(1)>\"}"))
                .andExpect(content().string(containsString("\\\"}")));
        mvc.perform(get("/contacts/complete").param("q", "c".repeat(101)).with(user(ALICE)).session(alice()))
                .andExpect(jsonPath("$.contacts", hasSize(0)));
    }

    @Test
    void theContactsPageListsHerContactsEscapedAndDeletesWithTheToken() throws Exception {
        book.sent(ALICE, List.of(new InternetAddress("zed@example.org", "<b>Zed</b>", "UTF-8")));
        mvc.perform(get("/settings/contacts").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Martin, Carol")))
                .andExpect(content().string(containsString("&lt;b&gt;Zed&lt;/b&gt;")))
                .andExpect(content().string(not(containsString("<b>Zed"))))
                .andExpect(content().string(not(containsString("eve@example.net"))))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("aria-label=\"Delete dan@example.org\"")));
        mvc.perform(post("/settings/contacts/delete").param("address", "dan@example.org").with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/contacts/delete").param("address", "eve@example.net").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/settings/contacts"));
        mvc.perform(post("/settings/contacts/delete").param("address", "DAN@example.org").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl("/settings/contacts"));
        org.assertj.core.api.Assertions.assertThat(book.contacts(ALICE).stored()).extracting(Contact::address)
                .containsExactlyInAnyOrder("carol@example.org", "zed@example.org");
        org.assertj.core.api.Assertions.assertThat(book.contacts(BOB).stored()).extracting(Contact::address)
                .containsExactlyInAnyOrder("carla@example.net", "eve@example.net");
    }

    @Test
    void thePageSpeaksFrench() throws Exception {
        mvc.perform(get("/settings/contacts").header("Accept-Language", "fr").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("Supprimer dan@example.org")))
                .andExpect(content().string(containsString("proposées quand vous tapez")));
        clear();
        mvc.perform(get("/settings/contacts").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("No contacts yet")));
    }

    private static MockHttpSession session(String address) {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(MailboxSession.ATTRIBUTE, new MailboxSession(address, "pw".toCharArray(), null, null));
        return session;
    }

    private static List<InternetAddress> parse(String list) {
        try {
            return List.of(InternetAddress.parse(list, true));
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void clear() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createDirectories(Path.of("target", "contacts-slice"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
