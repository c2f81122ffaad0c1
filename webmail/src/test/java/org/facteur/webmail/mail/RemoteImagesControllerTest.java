package org.facteur.webmail.mail;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Remote images stay blocked until the member clicks "Show images" for that message. */
@WebMvcTest(MailController.class)
@WebmailSlice
class RemoteImagesControllerTest {
    static final String NEWSLETTER = "<p>News</p><img src=\"https://tracker.test/logo.gif\" alt=\"logo\">"
            + "<div style=\"background:url(https://tracker.test/css.gif)\">css</div><script>alert(1)</script>";
    static final String EMBEDDED_ONLY = "<p>News</p><img src=\"data:image/png;base64,iVBORw0KGgo=\">"
            + "<div style=\"background:url(https://tracker.test/css.gif)\">css</div>";

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

    @BeforeEach
    void mailbox() throws Exception {
        when(reader.folders(any())).thenReturn(List.of(new FolderSummary("INBOX", "INBOX", 0, 2)));
        when(reader.message(any(), eq("INBOX"), eq(8L))).thenReturn(html(8, NEWSLETTER));
        when(reader.message(any(), eq("INBOX"), eq(9L))).thenReturn(html(9, EMBEDDED_ONLY));
    }

    private static MessageView html(long uid, String html) {
        return new MessageView("INBOX", uid, "news@shop.test", List.of(ALICE), List.of(), "News", null, null, html);
    }

    private ResultActions open(String url) throws Exception {
        return mvc.perform(get(url).with(user(ALICE)).session(alice())).andExpect(status().isOk());
    }

    @Test
    void messageWithRemoteImagesOffersToShowThemAndTheFrameBlocksThem() throws Exception {
        open("/mail/message?folder=INBOX&uid=8")
                .andExpect(content().string(containsString("Remote images are blocked to protect your privacy.")))
                .andExpect(content().string(containsString("href=\"/mail/message?folder=INBOX&amp;uid=8&amp;images=show\"")))
                .andExpect(content().string(containsString("src=\"/mail/body?folder=INBOX&amp;uid=8\"")));
        open("/mail/body?folder=INBOX&uid=8")
                .andExpect(header().string("Content-Security-Policy", MailController.BODY_CSP))
                .andExpect(content().string(not(containsString("tracker.test"))));
    }

    @Test
    void afterTheClickOnlyImageSourcesAreAllowedAndLoaded() throws Exception {
        open("/mail/message?folder=INBOX&uid=8&images=show")
                .andExpect(content().string(not(containsString("Remote images are blocked"))))
                .andExpect(content().string(containsString("src=\"/mail/body?folder=INBOX&amp;uid=8&amp;images=show\"")));
        open("/mail/body?folder=INBOX&uid=8&images=show")
                .andExpect(header().string("Content-Security-Policy",
                        "default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'; base-uri 'none'; "
                                + "form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(content().string(containsString("src=\"https://tracker.test/logo.gif\"")))
                .andExpect(content().string(not(containsString("css.gif"))))
                .andExpect(content().string(not(containsString("script"))));
    }

    @Test
    void noOfferWhenNothingRemoteWouldBeShown() throws Exception {
        open("/mail/message?folder=INBOX&uid=9")
                .andExpect(content().string(not(containsString("Remote images are blocked"))))
                .andExpect(content().string(not(containsString("images=show"))));
    }

    @Test
    void frenchOffer() throws Exception {
        mvc.perform(get("/mail/message?folder=INBOX&uid=8").with(user(ALICE)).session(alice())
                        .header("Accept-Language", "fr-FR,fr;q=0.9"))
                .andExpect(content().string(containsString("Les images distantes sont bloquées pour protéger votre vie privée.")))
                .andExpect(content().string(containsString(">Afficher les images</a>")));
    }
}
