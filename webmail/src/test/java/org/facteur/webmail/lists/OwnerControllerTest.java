package org.facteur.webmail.lists;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.lists.MemberLists.Approval;
import org.facteur.webmail.lists.MemberLists.Archive;
import org.facteur.webmail.lists.MemberLists.ListSettings;
import org.facteur.webmail.lists.MemberLists.ReplyTo;
import org.facteur.webmail.lists.MemberLists.SendRule;
import org.facteur.webmail.lists.MemberLists.SubscribeRule;
import org.facteur.webmail.lists.MemberLists.UnsubscribeRule;
import org.facteur.webmail.lists.MemberLists.ImportRow;
import org.facteur.webmail.lists.MemberLists.MemberRow;
import org.facteur.webmail.lists.MemberLists.OwnerResult;
import org.facteur.webmail.lists.MemberLists.OwnerView;
import org.facteur.webmail.lists.MemberLists.Reception;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(OwnerController.class)
@WebmailSlice
class OwnerControllerTest {
    static final String TEAM = "team@example.org";
    static final String BACK = "/lists/owner?list=team@example.org";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MemberLists lists;

    @BeforeEach
    void aliceOwnsTeam() {
        when(lists.available()).thenReturn(true);
        when(lists.ownerView(ALICE, TEAM)).thenReturn(Optional.of(new OwnerView(TEAM, "team",
                List.of(new MemberRow("bob@example.org", "<b>Bob</b>", true, false, false, Reception.NOMAIL),
                        new MemberRow(ALICE, "", false, true, false, Reception.MAIL)),
                List.of(new Approval("k".repeat(25), true, "x@remote.test", "Xavier", Instant.parse("2026-11-22T10:00:00Z"))),
                new ListSettings("team", "<script>x</script>", SubscribeRule.CONFIRM, UnsubscribeRule.OPEN, SendRule.MEMBERS_OTHERS_MODERATED,
                        ReplyTo.SENDER, Archive.MEMBERS))));
        when(lists.ownerView(anyString(), org.mockito.ArgumentMatchers.eq("other@example.org"))).thenReturn(Optional.empty());
    }

    @Test
    void theOwnerSeesMembersAndRequestsEscapedWithTheirForms() throws Exception {
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Managing team@example.org")))
                .andExpect(content().string(containsString("&lt;b&gt;Bob&lt;/b&gt;")))
                .andExpect(content().string(not(containsString("<b>Bob"))))
                .andExpect(content().string(containsString("Nothing for now")))
                .andExpect(content().string(containsString("aria-label=\"Remove bob@example.org\"")))
                .andExpect(content().string(not(containsString("aria-label=\"Remove alice@example.org\""))))
                .andExpect(content().string(containsString("x@remote.test")))
                .andExpect(content().string(containsString("wants to join")))
                .andExpect(content().string(containsString("value=\"" + "k".repeat(25) + "\"")))
                .andExpect(content().string(containsString("enctype=\"multipart/form-data\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void aListSheDoesNotOwnIsA403WithASentenceForPagesAndChanges() throws Exception {
        mvc.perform(get("/lists/owner").param("list", "other@example.org").with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("You do not own this list")));
        when(lists.removeMember(ALICE, "other@example.org", "bob@example.org")).thenReturn(OwnerResult.FORBIDDEN);
        mvc.perform(post("/lists/owner/remove").param("list", "other@example.org").param("address", "bob@example.org")
                        .with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isForbidden());
        when(lists.importMembers(ALICE, "other@example.org", "a@b.test")).thenReturn(Optional.empty());
        mvc.perform(multipart("/lists/owner/import").param("list", "other@example.org").param("csv", "a@b.test")
                        .with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isForbidden());
    }

    @Test
    void addRemoveAndDecideRunAsTheSessionsMemberAndSaySo() throws Exception {
        when(lists.addMember(ALICE, TEAM, "new@remote.test", "New")).thenReturn(OwnerResult.DONE);
        MvcResult added = mvc.perform(post("/lists/owner/add").param("list", TEAM).param("address", "new@remote.test").param("name", "New")
                        .param("member", "bob@example.org").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl(BACK)).andReturn();
        verify(lists).addMember(ALICE, TEAM, "new@remote.test", "New");
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()).flashAttrs(added.getFlashMap()))
                .andExpect(content().string(containsString("new@remote.test is now subscribed")));

        when(lists.decideRequest(ALICE, TEAM, "k".repeat(25), false, "")).thenReturn(OwnerResult.ALREADY_DECIDED);
        MvcResult refused = mvc.perform(post("/lists/owner/request").param("list", TEAM).param("key", "k".repeat(25))
                        .param("address", "x@remote.test").param("decision", "refuse").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl(BACK)).andReturn();
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()).flashAttrs(refused.getFlashMap()))
                .andExpect(content().string(containsString("Another owner already decided on the request of x@remote.test")));
    }

    @Test
    void theSettingsShowTheirValuesAndAreSavedAsTheSessionsMember() throws Exception {
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("value=\"&lt;script&gt;x&lt;/script&gt;\"")))
                .andExpect(content().string(containsString(
                        "<option value=\"CONFIRM\" selected=\"selected\">Anyone who confirms by mail</option>")))
                .andExpect(content().string(containsString(
                        "<option value=\"MEMBERS_OTHERS_MODERATED\" selected=\"selected\">Members; others are held for moderation</option>")));
        ListSettings wanted = new ListSettings("Team", "Our team", SubscribeRule.OWNER, UnsubscribeRule.OPEN, SendRule.MEMBERS,
                ReplyTo.LIST, Archive.OFF);
        when(lists.changeSettings(ALICE, TEAM, wanted)).thenReturn(OwnerResult.DONE);
        MvcResult saved = mvc.perform(post("/lists/owner/settings").param("list", TEAM).param("name", "Team").param("description", "Our team")
                        .param("subscribe", "OWNER").param("unsubscribe", "OPEN").param("send", "MEMBERS").param("replyTo", "LIST")
                        .param("archive", "OFF").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl(BACK)).andReturn();
        verify(lists).changeSettings(ALICE, TEAM, wanted);
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()).flashAttrs(saved.getFlashMap()))
                .andExpect(content().string(containsString("The settings of team@example.org were saved.")));
        mvc.perform(post("/lists/owner/settings").param("list", TEAM).param("subscribe", "ANYBODY").param("unsubscribe", "OPEN")
                        .param("send", "MEMBERS").param("replyTo", "LIST").param("archive", "OFF").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isBadRequest());
        when(lists.changeSettings(anyString(), org.mockito.ArgumentMatchers.eq("other@example.org"), org.mockito.ArgumentMatchers.any()))
                .thenReturn(OwnerResult.FORBIDDEN);
        mvc.perform(post("/lists/owner/settings").param("list", "other@example.org").param("subscribe", "OPEN").param("unsubscribe", "OPEN")
                        .param("send", "MEMBERS").param("replyTo", "LIST").param("archive", "OFF").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anImportFileIsReportedLineByLine() throws Exception {
        String csv = "ann@remote.test,Ann\nnot-an-address\n";
        when(lists.importMembers(ALICE, TEAM, csv)).thenReturn(Optional.of(List.of(
                new ImportRow(1, "ann@remote.test", OwnerResult.DONE), new ImportRow(2, "not-an-address", OwnerResult.INVALID_ADDRESS))));
        MvcResult imported = mvc.perform(multipart("/lists/owner/import")
                        .file(new MockMultipartFile("file", "members.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("list", TEAM).with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl(BACK)).andReturn();
        mvc.perform(get("/lists/owner").param("list", TEAM).with(user(ALICE)).session(alice()).flashAttrs(imported.getFlashMap()))
                .andExpect(content().string(containsString("Import: 1 of 2 lines added")))
                .andExpect(content().string(containsString("refused: not a valid e-mail address")));
    }

    @Test
    void aFileTooLargeAddsNobodyAndNothingRunsWithoutTheToken() throws Exception {
        byte[] large = new byte[OwnerController.MAX_CSV_BYTES + 1];
        mvc.perform(multipart("/lists/owner/import").file(new MockMultipartFile("file", "big.csv", "text/csv", large))
                        .param("list", TEAM).with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(redirectedUrl(BACK));
        mvc.perform(post("/lists/owner/add").param("list", TEAM).param("address", "new@remote.test").with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden());
        verify(lists, never()).importMembers(anyString(), anyString(), anyString());
        verify(lists, never()).addMember(anyString(), anyString(), anyString(), anyString());
    }
}
