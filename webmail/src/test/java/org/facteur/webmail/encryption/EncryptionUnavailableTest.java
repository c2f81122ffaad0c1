package org.facteur.webmail.encryption;

import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.facteur.webmail.WebmailSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The webmail without a key store (no {@link MemberKeys} bean): the page says so and every form is refused. */
@WebMvcTest(EncryptionController.class)
@WebmailSlice
@Import(TemporaryKits.class)
class EncryptionUnavailableTest {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageSaysOpenPgpIsNotAvailableHere() throws Exception {
        mvc.perform(get("/settings/encryption").with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("OpenPGP n’est pas disponible sur ce serveur.")))
                .andExpect(content().string(not(containsString("/settings/encryption/on"))));
        mvc.perform(post("/settings/encryption/on").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "correct horse").param("repeat", "correct horse"))
                .andExpect(content().string(containsString("OpenPGP is not available on this server.")));
    }
}
