package org.facteur.webmail.archives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(ArchiveController.class)
@WebmailSlice
@Import(ArchiveControllerTest.Fake.class)
class ArchiveControllerTest {
    static final String TEAM = "team@example.org";
    static final String BOARD = "board@example.org";
    static final String QUIET = "quiet@example.org";
    static final String ALICE = "alice@example.org"; // owner of both
    static final String BOB = "bob@example.org"; // member of both
    static final String EVE = "eve@example.org"; // member of none

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeListArchives archives;

    static class Fake {
        @Bean
        FakeListArchives listArchives() {
            return new FakeListArchives();
        }
    }

    private static String message(String subject, String contentType, String body) {
        return "From: Bob <bob@example.org>\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
                + "\r\n\r\n" + body;
    }

    @BeforeEach
    void lists() {
        archives.lists.clear();
        archives.posts.clear();
        archives.removed.clear();
        archives.list(TEAM, "public", Set.of(BOB), Set.of(ALICE));
        archives.list(BOARD, "members", Set.of(BOB), Set.of(ALICE));
        archives.list(QUIET, "off", Set.of(BOB), Set.of(ALICE));
        archives.add(TEAM, "p1", Instant.parse("2026-10-30T09:00:00Z"), "<a@x>", "", List.of(), "Bob", "[team] October",
                message("October", "text/plain", "Autumn plans"));
        archives.add(TEAM, "p2", Instant.parse("2026-11-02T09:00:00Z"), "<b@x>", "", List.of(), "Bob <bob@example.org>",
                "[team] Garden party", message("Garden", "text/plain", "The garden party is on Saturday. <script>alert(1)</script>"));
        archives.add(TEAM, "p3", Instant.parse("2026-11-03T09:00:00Z"), "<c@x>", "<b@x>", List.of("<b@x>"), "Carol",
                "[team] Re: Garden party", message("Re", "text/plain", "I bring cake."));
        archives.add(TEAM, "p4", Instant.parse("2026-11-04T09:00:00Z"), "<d@x>", "", List.of(), "Dan", "[team] Minutes",
                message("Minutes", "multipart/mixed; boundary=b", "--b\r\nContent-Type: text/html\r\n\r\n<p>The <b>minutes</b></p>"
                        + "<img src=\"https://tracker.test/x.png\">\r\n--b\r\nContent-Type: application/pdf\r\n"
                        + "Content-Disposition: attachment; filename=\"minutes.pdf\"\r\n\r\n%PDF-1.4 whatever\r\n--b--\r\n"));
        archives.add(BOARD, "s1", Instant.parse("2026-11-05T09:00:00Z"), "<s@x>", "", List.of(), "Alice", "[board] Secret",
                message("Secret", "text/plain", "Board only"));
    }

    @Test
    void aPublicArchiveShowsItsMonthsNewestFirstWithTheirCountsToAnyone() throws Exception {
        String page = mvc.perform(get("/lists/archive/" + TEAM)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Archive of team").contains("readable by anyone").contains("3 posts").contains("1 post")
                .contains("/lists/archive/team@example.org/2026-11").contains("Log in").doesNotContain("Export mbox")
                .doesNotContain("/logout");
        assertThat(page.indexOf("November 2026")).isLessThan(page.indexOf("October 2026"));
    }

    @Test
    void aMonthGroupsItsPostsByThreadWithTheAnswerUnderThePostItAnswers() throws Exception {
        String page = mvc.perform(get("/lists/archive/" + TEAM + "/2026-11")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page.split("class=\"archive-thread\"", -1)).hasSize(3); // two threads: Garden party (2 posts), Minutes
        assertThat(page).containsPattern("class=\"depth-1\">\\s*<a href=\"/lists/archive/team@example.org/post/p3\"")
                .containsPattern("class=\"depth-0\">\\s*<a href=\"/lists/archive/team@example.org/post/p2\"")
                .doesNotContain("[team] October");
        assertThat(page.indexOf("[team] Minutes")).isLessThan(page.indexOf("[team] Garden party")); // newest activity first
    }

    @Test
    void aPostIsShownAsEscapedTextAndAnHtmlOnlyPostByItsTextWithAttachmentsByName() throws Exception {
        mvc.perform(get("/lists/archive/" + TEAM + "/post/p2")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("The garden party is on Saturday. &lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>")), containsString("Bob &lt;bob@example.org&gt;"),
                        not(containsString("Remove from the archive")))));
        mvc.perform(get("/lists/archive/" + TEAM + "/post/p4")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("The minutes"), not(containsString("<b>minutes")),
                        not(containsString("tracker.test")), containsString("minutes.pdf"))));
        mvc.perform(get("/lists/archive/" + TEAM + "/post/nope")).andExpect(status().isNotFound());
        mvc.perform(get("/lists/archive/" + TEAM + "/post/s1")).andExpect(status().isNotFound()); // board's post, not team's
    }

    @Test
    void searchListsTheMatchingPostsWithTheirLinks() throws Exception {
        mvc.perform(get("/lists/archive/" + TEAM + "/search").param("q", "cake")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("1 post with “cake”"),
                        containsString("href=\"/lists/archive/team@example.org/post/p3\""), not(containsString("/post/p2\"")))));
        mvc.perform(get("/lists/archive/" + TEAM + "/search").param("q", "nothing-like-it")).andExpect(status().isOk())
                .andExpect(content().string(containsString("No post with")));
    }

    @Test
    void aMembersOnlyArchiveSendsVisitorsToLoginRefusesNonMembersWithASentenceAndOpensToMembers() throws Exception {
        mvc.perform(get("/lists/archive/" + BOARD)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/lists/archive/" + BOARD + "/post/s1")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/lists/archive/" + BOARD + "/search").param("q", "Board").with(user(EVE)))
                .andExpect(status().isForbidden())
                .andExpect(content().string(allOf(containsString("Only the members of board@example.org can read its archive"),
                        not(containsString("Secret")))));
        mvc.perform(get("/lists/archive/" + BOARD + "/post/s1").with(user(EVE))).andExpect(status().isForbidden());
        mvc.perform(get("/lists/archive/" + BOARD + "/post/s1").with(user(BOB))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Board only")));
        mvc.perform(get("/lists/archive/" + BOARD).with(user(EVE)).header("Accept-Language", "fr"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Seuls les membres de board@example.org peuvent lire ses archives")));
    }

    @Test
    void aListWithoutArchiveOrNoListIsNotFound() throws Exception {
        mvc.perform(get("/lists/archive/" + QUIET).with(user(BOB))).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("keeps no archive")));
        mvc.perform(get("/lists/archive/nobody@example.org")).andExpect(status().isNotFound());
    }

    @Test
    void anOwnerRemovesAPostWithTheFormAndItIsGoneFromTheMonthAndSearch() throws Exception {
        mvc.perform(get("/lists/archive/" + TEAM + "/post/p3").with(user(ALICE))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Remove from the archive"), containsString("name=\"_csrf\""))));
        mvc.perform(post("/lists/archive/" + TEAM + "/post/p3/remove").with(user(ALICE))).andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/lists/archive/" + TEAM + "/post/p3/remove").with(user(BOB)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/lists/archive/" + TEAM + "/post/p3/remove").with(csrf())).andExpect(status().isForbidden());
        assertThat(archives.removed).isEmpty();

        mvc.perform(post("/lists/archive/" + TEAM + "/post/p3/remove").with(user(ALICE)).with(csrf()))
                .andExpect(redirectedUrl("/lists/archive/team@example.org/2026-11"));
        assertThat(archives.removed).containsExactly("p3");
        mvc.perform(get("/lists/archive/" + TEAM + "/search").param("q", "cake")).andExpect(content().string(containsString("No post with")));
        mvc.perform(get("/lists/archive/" + TEAM + "/2026-11")).andExpect(content().string(not(containsString("/post/p3"))));
    }

    @Test
    void onlyAnOwnerExportsTheArchiveAsAnMbox() throws Exception {
        mvc.perform(get("/lists/archive/" + TEAM).with(user(ALICE))).andExpect(content().string(containsString("Export mbox")));
        mvc.perform(get("/lists/archive/" + TEAM + "/mbox").with(user(BOB))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Only the owners of team@example.org")));
        mvc.perform(get("/lists/archive/" + TEAM + "/mbox")).andExpect(status().isForbidden());

        MvcResult started = mvc.perform(get("/lists/archive/" + TEAM + "/mbox").with(user(ALICE))).andExpect(request().asyncStarted())
                .andReturn();
        String mbox = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Disposition", containsString("team@example.org.mbox")))
                .andExpect(header().string("Content-Type", containsString("application/mbox")))
                .andReturn().getResponse().getContentAsString();
        assertThat(mbox).contains("From x p1\n").contains("From x p4\n").doesNotContain("Board only");
    }

    @Test
    void theLoggedInHeaderOfTheWebmailIsShownToMembers() throws Exception {
        mvc.perform(get("/lists/archive/" + TEAM).with(user(BOB))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("bob@example.org"), containsString("/logout"),
                        not(containsString(">Log in<")))));
        mvc.perform(get("/lists/archive/" + TEAM + "/2026-13")).andExpect(status().isNotFound());
    }
}
