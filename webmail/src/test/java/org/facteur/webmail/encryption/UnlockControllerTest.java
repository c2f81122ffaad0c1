package org.facteur.webmail.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.imap.MailboxSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The passphrase asked on an encrypted message unlocks the real key into the session, or keeps nothing. */
@WebMvcTest(UnlockController.class)
@WebmailSlice
@Import(TemporaryKits.class)
class UnlockControllerTest {
    static final String PASSPHRASE = "correct horse battery";
    static GeneratedKey key;

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MemberKeys keys;

    @BeforeAll
    static void makeKey() {
        key = new OpenPgp().generateKey(KeySpec.forMailbox(null, ALICE), PASSPHRASE.toCharArray());
    }

    @Test
    void aWrongPassphraseKeepsNothingAndTheRightOneUnlocksForTheSession() throws Exception {
        when(keys.protectedSecretKey(ALICE)).thenReturn(Optional.of(key.secretKey().armored()));
        MockHttpSession session = alice();
        mvc.perform(post("/mail/unlock").with(user(ALICE)).with(csrf()).session(session)
                        .param("folder", "INBOX").param("uid", "6").param("passphrase", "not it"))
                .andExpect(redirectedUrl("/mail/message?folder=INBOX&uid=6"))
                .andExpect(flash().attribute("unlockError", "unlock.wrong"));
        assertThat(UnlockedMemberKey.of(session)).isEmpty();

        mvc.perform(post("/mail/unlock").with(user(ALICE)).with(csrf()).session(session)
                        .param("folder", "INBOX").param("uid", "6").param("passphrase", PASSPHRASE))
                .andExpect(redirectedUrl("/mail/message?folder=INBOX&uid=6"));
        assertThat(UnlockedMemberKey.of(session)).hasValueSatisfying(k ->
                assertThat(k.fingerprint()).isEqualTo(key.secretKey().fingerprint()));
        MailboxSession mailbox = (MailboxSession) session.getAttribute(MailboxSession.ATTRIBUTE);
        assertThat(read(written(mailbox)).unlockedKey()).as("a session store never gets the key").isEmpty();

        session.invalidate(); // logout and expiry end the session: the mailbox is unbound and lets go of the key
        assertThat(mailbox.unlockedKey()).isEmpty();
    }

    static byte[] written(Object o) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static MailboxSession read(byte[] bytes) throws Exception {
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (MailboxSession) in.readObject();
        }
    }

    @Test
    void unlockingNeedsTheCsrfTokenAndAKeyOnThisServer() throws Exception {
        mvc.perform(post("/mail/unlock").with(user(ALICE)).session(alice()).param("uid", "6").param("passphrase", PASSPHRASE))
                .andExpect(status().isForbidden());
        when(keys.protectedSecretKey(ALICE)).thenReturn(Optional.empty());
        mvc.perform(post("/mail/unlock").with(user(ALICE)).with(csrf()).session(alice()).param("uid", "6").param("passphrase", PASSPHRASE))
                .andExpect(flash().attribute("unlockError", "unlock.noKey"));
    }
}
