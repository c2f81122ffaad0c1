package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.config.WebmailSecurity;
import org.facteur.webmail.encryption.UnlockedSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(MailController.class)
@WebmailSlice
class MailControllerTest {
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
    /** A mock: not available unless a test says so, as when nothing answers best matches. */
    @MockitoBean
    BestMatches best;

    @Test
    void searchAsksTheServerAndKeepsTheQueryInThePager() throws Exception {
        folders();
        List<MessageSummary> fifty = new ArrayList<>();
        for (int i = 0; i < MessagePage.SIZE; i++) {
            fifty.add(new MessageSummary(100 - i, "bob@example.org", "picnic " + i, null, true));
        }
        when(reader.search(any(), eq("INBOX"), eq("picnic"), eq(SearchField.BODY), eq(1)))
                .thenReturn(new MessagePage("INBOX", fifty, 1, 2, 70));
        mvc.perform(get("/mail?q=picnic&field=body").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Search for “picnic”: 70 found")))
                .andExpect(content().string(containsString("/mail?folder=INBOX&amp;page=2&amp;q=picnic&amp;field=body")))
                .andExpect(content().string(not(containsString("name=\"mode\"")))); // best matches unavailable: not offered
        mvc.perform(get("/mail?q=picnic&field=body&mode=best").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("Search for “picnic”: 70 found")));
    }

    @Test
    void aBrokenAddressGetsAPageThatSaysSo() throws Exception {
        mvc.perform(get("/mail/message?folder=INBOX&uid=abc").with(user(ALICE)).session(alice()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This address is not complete or not valid.")));
        mvc.perform(get("/mail/attachment?folder=INBOX&uid=3").with(user(ALICE)).session(alice()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void attachmentIsDownloadedNeverRendered() throws Exception {
        when(reader.attachment(any(), eq("INBOX"), eq(7L), eq(2))).thenReturn(
                new MailReader.AttachmentContent("évil.html", "text/html", "<script>alert(1)</script>".getBytes()));
        mvc.perform(get("/mail/attachment?folder=INBOX&uid=7&part=2").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment;")))
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''%C3%A9vil.html")))
                .andExpect(header().string("Content-Security-Policy", MailController.ATTACHMENT_CSP))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void actionsNeedCsrfAndComeBackToTheFolder() throws Exception {
        mvc.perform(post("/mail/action").with(user(ALICE)).session(alice())
                        .param("folder", "INBOX").param("uid", "3").param("action", "delete"))
                .andExpect(status().isForbidden());
        verify(actions, never()).apply(any(), any(), any(), any(), any());
        mvc.perform(post("/mail/action").with(user(ALICE)).with(csrf()).session(alice())
                        .param("folder", "INBOX").param("uid", "3", "4").param("action", "move").param("target", "Archive"))
                .andExpect(redirectedUrl("/mail?folder=INBOX"))
                .andExpect(flash().attribute("notice", "action.done.move"));
        verify(actions).apply(any(), eq("INBOX"), eq(List.of(3L, 4L)), eq(MailActions.Action.MOVE), eq("Archive"));
        mvc.perform(post("/mail/action").with(user(ALICE)).with(csrf()).session(alice())
                        .param("folder", "INBOX").param("uid", "3").param("action", "flag").param("back", "message"))
                .andExpect(redirectedUrl("/mail/message?folder=INBOX&uid=3"));
        mvc.perform(post("/mail/action").with(user(ALICE)).with(csrf()).session(alice())
                        .param("folder", "INBOX").param("action", "delete"))
                .andExpect(flash().attribute("notice", "action.nothingSelected"));
    }

    @Test
    void aConversationsCheckboxActsOnAllItsMessages() throws Exception {
        mvc.perform(post("/mail/action").with(user(ALICE)).with(csrf()).session(alice())
                        .param("folder", "INBOX").param("uid", "2,5,3", "7").param("action", "read"))
                .andExpect(redirectedUrl("/mail?folder=INBOX"));
        verify(actions).apply(any(), eq("INBOX"), eq(List.of(2L, 5L, 3L, 7L)), eq(MailActions.Action.READ), any());
        mvc.perform(post("/mail/action").with(user(ALICE)).with(csrf()).session(alice())
                        .param("folder", "INBOX").param("uid", "2,x").param("action", "delete"))
                .andExpect(status().isBadRequest());
        verify(actions, never()).apply(any(), any(), any(), eq(MailActions.Action.DELETE), any());
    }

    @Test
    void groupedTheFolderShowsConversationsAndSearchStaysOneLinePerMessage() throws Exception {
        folders();
        ConversationSummary plan = new ConversationSummary(List.of(2L, 5L, 3L), 5, "Plan <b>",
                List.of(new ConversationSummary.Participant("Bob <script>", false), new ConversationSummary.Participant("", true)),
                2, null, true, false);
        when(conversations.page(any(), eq("INBOX"), eq(1))).thenReturn(new ConversationPage("INBOX", List.of(plan), 1, 1, 1));
        mvc.perform(get("/mail").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"2,5,3\"")))
                .andExpect(content().string(containsString("<span>Bob &lt;script&gt;</span>, <span>moi</span> +2")))
                .andExpect(content().string(containsString("Plan &lt;b&gt;")))
                .andExpect(content().string(containsString("href=\"/mail/conversation?folder=INBOX&amp;uid=5\"")));
        verify(reader, never()).page(any(), any(), org.mockito.ArgumentMatchers.anyInt());
        when(reader.search(any(), eq("INBOX"), eq("plan"), eq(SearchField.ANY), eq(1)))
                .thenReturn(new MessagePage("INBOX", List.of(new MessageSummary(3, "bob@example.org", "Re: Plan", null, true)), 1, 1, 1));
        mvc.perform(get("/mail?q=plan").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("uid=3")))
                .andExpect(content().string(not(containsString("conversations"))));
        verify(conversations, org.mockito.Mockito.times(1)).page(any(), any(), org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void messagePageOffersRepliesAttachmentsAndTheConversation() throws Exception {
        folders();
        MessageView view = new MessageView("INBOX", 9, "bob@example.org", List.of(), List.of(ALICE), List.of(), "Budget",
                null, "see attached", null, List.of(new MessageParts.Attachment(1, "budget.ods", "application/vnd.oasis.opendocument.spreadsheet", 2048)),
                true, "<b@x>", "<a@x>", "<a@x>");
        when(reader.message(any(), eq("INBOX"), eq(9L))).thenReturn(view);
        when(reader.conversation(any(), eq(view), any())).thenReturn(List.of(
                new ConversationEntry("Sent", new MessageSummary(4, ALICE, "Budget", null, true), false),
                new ConversationEntry("INBOX", new MessageSummary(9, "bob@example.org", "Re: Budget", null, true), true)));
        mvc.perform(get("/mail/message?folder=INBOX&uid=9").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("/compose?mode=reply&amp;folder=INBOX&amp;uid=9")))
                .andExpect(content().string(containsString("/compose?mode=all&amp;folder=INBOX&amp;uid=9")))
                .andExpect(content().string(containsString("/compose?mode=forward&amp;folder=INBOX&amp;uid=9")))
                .andExpect(content().string(containsString("/mail/attachment?folder=INBOX&amp;uid=9&amp;part=1")))
                .andExpect(content().string(containsString("budget.ods")))
                .andExpect(content().string(containsString("2 KB")))
                .andExpect(content().string(containsString("/mail/message?folder=Sent&amp;uid=4")))
                .andExpect(content().string(containsString("value=\"unflag\"")));
    }

    private void folders() throws MessagingException {
        when(reader.folders(any())).thenReturn(List.of(new FolderSummary("INBOX", "INBOX", 2, 3),
                new FolderSummary("Sent", "Sent", 0, 1)));
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/mail")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void inboxListsFoldersWithUnreadCountsAndMessagesEscaped() throws Exception {
        folders();
        when(reader.page(any(), eq("INBOX"), eq(1))).thenReturn(new MessagePage("INBOX", List.of(
                new MessageSummary(7, "bob@example.org", "<b>Lunch</b> tomorrow", Instant.parse("2026-03-01T10:00:00Z"), false),
                new MessageSummary(3, "carol@example.org", "", null, true)), 1, 1, 2));
        mvc.perform(get("/mail").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", WebmailSecurity.CSP))
                .andExpect(content().string(containsString("&lt;b&gt;Lunch&lt;/b&gt; tomorrow")))
                .andExpect(content().string(containsString("/mail/message?folder=INBOX&amp;uid=7")))
                .andExpect(content().string(containsString("(no subject)")))
                .andExpect(content().string(containsString("aria-label=\"2 unread\"")))
                .andExpect(content().string(not(containsString("<script"))));
    }

    @Test
    void pagerLinksToOlderAndNewerPages() throws Exception {
        folders();
        List<MessageSummary> fifty = new ArrayList<>();
        for (int i = 0; i < MessagePage.SIZE; i++) {
            fifty.add(new MessageSummary(100 - i, "bob@example.org", "m" + i, null, true));
        }
        when(reader.page(any(), eq("INBOX"), eq(2))).thenReturn(new MessagePage("INBOX", fifty, 2, 3, 120));
        mvc.perform(get("/mail?page=2").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/mail?folder=INBOX&amp;page=1")))
                .andExpect(content().string(containsString("/mail?folder=INBOX&amp;page=3")))
                .andExpect(content().string(containsString("Page 2 of 3")));
    }

    @Test
    void frenchBrowsersGetFrenchPages() throws Exception {
        folders();
        when(reader.page(any(), eq("INBOX"), eq(1))).thenReturn(new MessagePage("INBOX", List.of(), 1, 1, 0));
        mvc.perform(get("/mail").with(user(ALICE)).session(alice()).header("Accept-Language", "fr-FR,fr;q=0.9"))
                .andExpect(content().string(containsString("Boîte de réception")))
                .andExpect(content().string(containsString("Aucun message dans ce dossier.")));
    }

    @Test
    void anEncryptedMessageAsksThePassphraseWhileTheKeyIsLocked() throws Exception {
        folders();
        when(reader.message(any(), eq("INBOX"), eq(6L))).thenReturn(new MessageView("INBOX", 6, "bob@example.org",
                List.of(), List.of(ALICE), List.of(), "Secret", Instant.now(), "", null, List.of(), false, "", "", "",
                MessageView.Omissions.NONE, OpenPgp.ENCRYPTED));
        mvc.perform(get("/mail/message?folder=INBOX&uid=6").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"/mail/unlock\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("Your OpenPGP passphrase")))
                .andExpect(content().string(not(containsString("decrypted with your key"))));
        verify(encrypted, never()).open(any(), any(), any());
    }

    @Test
    void aDecryptedMessageListsTheAttachmentsInsideLinkedToTheirDecryptedDownload() throws Exception {
        folders();
        MessageView stored = new MessageView("INBOX", 6, "bob@example.org", List.of(), List.of(ALICE), List.of(), "Secret",
                Instant.now(), null, null, List.of(new MessageParts.Attachment(1, "encrypted.asc", "application/octet-stream", 900)),
                false, "", "", "", MessageView.Omissions.NONE, OpenPgp.ENCRYPTED);
        MessageView inside = new MessageView("INBOX", 6, "bob@example.org", List.of(), List.of(ALICE), List.of(), "Secret",
                Instant.now(), "the plan is attached", null, List.of(new MessageParts.Attachment(1, "plan.pdf", "application/pdf", 3000)),
                false, "", "", "", MessageView.Omissions.NONE, OpenPgp.ENCRYPTED);
        when(reader.message(any(), eq("INBOX"), eq(6L))).thenReturn(stored);
        when(encrypted.open(any(), eq(stored), any())).thenReturn(
                new DecryptedMessage(inside, DecryptedMessage.Outcome.DECRYPTED, null, null));
        mvc.perform(get("/mail/message?folder=INBOX&uid=6").with(user(ALICE)).session(UnlockedSessions.alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/mail/attachment/decrypted?folder=INBOX&amp;uid=6&amp;part=1\"")))
                .andExpect(content().string(containsString(">plan.pdf<")))
                .andExpect(content().string(containsString("application/pdf · 3 KB")))
                .andExpect(content().string(containsString("The attachments below were inside the encrypted message")))
                .andExpect(content().string(org.hamcrest.Matchers.allOf(not(containsString("encrypted.asc")),
                        not(containsString("/mail/attachment?")), not(containsString("does not offer")))));
    }

    @Test
    void aDecryptedAttachmentIsDownloadedUnderThePlainRules() throws Exception {
        when(encrypted.attachment(any(), eq("INBOX"), eq(6L), eq(1), any())).thenReturn(
                new MailReader.AttachmentContent("évil.html", "text/html", "<script>alert(1)</script>".getBytes()));
        mvc.perform(get("/mail/attachment/decrypted?folder=INBOX&uid=6&part=1").with(user(ALICE)).session(UnlockedSessions.alice()))
                .andExpect(status().isOk())
                .andExpect(content().bytes("<script>alert(1)</script>".getBytes()))
                .andExpect(header().string("Content-Disposition", containsString("attachment;")))
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''%C3%A9vil.html")))
                .andExpect(header().string("Content-Security-Policy", MailController.ATTACHMENT_CSP))
                .andExpect(header().string("Cache-Control", "private, no-store"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void aDecryptedAttachmentAskedWhileTheKeyIsLockedGetsAPageThatSaysToUnlock() throws Exception {
        mvc.perform(get("/mail/attachment/decrypted?folder=INBOX&uid=6&part=1").with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your OpenPGP key is locked: open the message again")))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(get("/mail/attachment/decrypted?folder=INBOX&uid=6&part=1").with(user(ALICE)).session(alice())
                        .header("Accept-Language", "fr"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Votre clé OpenPGP est verrouillée")));
        verify(encrypted, never()).attachment(any(), any(), org.mockito.ArgumentMatchers.anyLong(),
                org.mockito.ArgumentMatchers.anyInt(), any());
    }

    @Test
    void aDecryptedPartThatDoesNotExistIs404() throws Exception {
        when(encrypted.attachment(any(), eq("INBOX"), eq(6L), eq(9), any())).thenThrow(new MailReader.NotFoundException("no part"));
        mvc.perform(get("/mail/attachment/decrypted?folder=INBOX&uid=6&part=9").with(user(ALICE)).session(UnlockedSessions.alice()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This message or folder does not exist.")));
    }

    @Test
    void aSignedMessageShowsItsSignatureLineEscapedAboveTheBody() throws Exception {
        folders();
        MessageView view = new MessageView("INBOX", 5, "bob@example.org", List.of(), List.of(ALICE), List.of(), "Signed",
                Instant.now(), "signed words", null, List.of(), false, "", "", "", MessageView.Omissions.NONE, OpenPgp.SIGNED);
        when(reader.message(any(), eq("INBOX"), eq(5L))).thenReturn(view);
        when(signed.check(any(), eq(view))).thenReturn(java.util.Optional.of(new SignatureCheck(SignatureCheck.Kind.VERIFIED,
                "Bob <bob@example.org>", "AAAA BBBB", "")));
        mvc.perform(get("/mail/message?folder=INBOX&uid=5").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("Signed by Bob &lt;bob@example.org&gt;, fingerprint AAAA BBBB, verified.")))
                .andExpect(content().string(not(containsString("does not check"))));

        when(signed.check(any(), eq(view))).thenReturn(java.util.Optional.of(new SignatureCheck(SignatureCheck.Kind.UNKNOWN_KEY,
                "", "", "1234 5678 9ABC DEF0")));
        mvc.perform(get("/mail/message?folder=INBOX&uid=5").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("Signed, but by a key Facteur does not know (key id 1234 5678 9ABC DEF0).")));

        when(signed.check(any(), eq(view))).thenReturn(java.util.Optional.of(new SignatureCheck(SignatureCheck.Kind.BAD, "", "", "")));
        mvc.perform(get("/mail/message?folder=INBOX&uid=5").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Signature invalide : le message a été modifié après avoir été signé.")));

        when(signed.check(any(), eq(view))).thenReturn(java.util.Optional.empty());
        mvc.perform(get("/mail/message?folder=INBOX&uid=5").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("only a whole message signed with PGP/MIME is checked")));
    }

    @Test
    void plainTextMessageIsEscaped() throws Exception {
        folders();
        when(reader.message(any(), eq("INBOX"), eq(7L))).thenReturn(new MessageView("INBOX", 7, "bob@example.org",
                List.of(ALICE), List.of(), "Hi", Instant.now(), "<script>alert(1)</script> see you", null));
        mvc.perform(get("/mail/message?folder=INBOX&uid=7").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt; see you")))
                .andExpect(content().string(not(containsString("<iframe"))));
    }

    @Test
    void htmlMessageIsShownInASandboxedFrameWithItsOwnStrictPolicy() throws Exception {
        folders();
        MessageView html = new MessageView("INBOX", 8, "bob@example.org", List.of(ALICE), List.of(), "News", null,
                null, "<p onclick=\"x()\">Hello <script>alert(1)</script><img src=\"http://tracker.test/p.gif\"></p>");
        when(reader.message(any(), eq("INBOX"), eq(8L))).thenReturn(html);
        mvc.perform(get("/mail/message?folder=INBOX&uid=8").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("<iframe")))
                .andExpect(content().string(containsString("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")))
                .andExpect(content().string(containsString("/mail/body?folder=INBOX&amp;uid=8")))
                .andExpect(content().string(not(containsString("alert(1)"))));
        mvc.perform(get("/mail/body?folder=INBOX&uid=8").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", MailController.BODY_CSP))
                .andExpect(content().string(containsString("Hello")))
                .andExpect(content().string(not(containsString("script"))))
                .andExpect(content().string(not(containsString("onclick"))))
                .andExpect(content().string(not(containsString("tracker.test"))));
    }

    @Test
    void unknownMessageIs404() throws Exception {
        folders();
        when(reader.message(any(), eq("INBOX"), eq(99L))).thenThrow(new MailReader.NotFoundException("none"));
        mvc.perform(get("/mail/message?folder=INBOX&uid=99").with(user(ALICE)).session(alice()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This message or folder does not exist.")));
    }

    @Test
    void authenticatedSessionWithoutMailboxMustLogInAgain() throws Exception {
        mvc.perform(get("/mail").with(user(ALICE)))
                .andExpect(redirectedUrl("/login?expired"));
    }

    /** The mail server answers best matches: the search form offers them beside the exact search. */
    private void bestMatchesWired() throws MessagingException {
        when(best.available()).thenReturn(true);
        when(reader.folders(any())).thenReturn(List.of(new FolderSummary("INBOX", "INBOX", 0, 3),
                new FolderSummary("Projets", "Projets", 0, 1)));
    }

    @Test
    void bestMatchesAreListedRankedWithTheirFolderAndOpenTheMessage() throws Exception {
        bestMatchesWired();
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
        assertThat(page.indexOf("Réunion de lancement")).isLessThan(page.indexOf("Lunch &lt;b&gt;"));
        verify(reader, never()).search(any(), anyString(), anyString(), any(), anyInt());
    }

    @Test
    void theExactSearchStaysTheDefaultBesideBestMatches() throws Exception {
        bestMatchesWired();
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
    void bestMatchesWhileTheServerIsStartingSaySo() throws Exception {
        bestMatchesWired();
        when(best.find(anyString(), anyString(), anyInt()))
                .thenThrow(new BestMatches.UnavailableException("The mail server is still starting; try again in a moment."));
        mvc.perform(get("/mail?q=budget&mode=best").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The mail server is still starting")))
                .andExpect(content().string(not(containsString("No message matches."))));
    }
}
