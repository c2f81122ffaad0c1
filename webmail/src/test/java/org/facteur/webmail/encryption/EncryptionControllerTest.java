package org.facteur.webmail.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.encryption.MemberKeys.KeyStatus;
import org.facteur.webmail.encryption.MemberKeys.KeySwitches;
import org.facteur.webmail.encryption.MemberKeys.RecoveryMaterial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(EncryptionController.class)
@WebmailSlice
@Import(TemporaryKits.class)
class EncryptionControllerTest {
    static final String FINGERPRINT = "0123456789ABCDEF0123456789ABCDEF01234567";
    static final KeyStatus NO_KEY = new KeyStatus("", false, false, KeySwitches.OFF);
    static final KeyStatus MADE_HERE = new KeyStatus(FINGERPRINT, true, false, KeySwitches.OFF);

    @Autowired
    MockMvc mvc;
    @Autowired
    PendingRecoveryKits pending;
    @MockitoBean
    MemberKeys keys;

    @BeforeEach
    void openPgpOnThisServer() {
        when(keys.available()).thenReturn(true);
        when(keys.status(ALICE)).thenReturn(NO_KEY);
        pending.done(ALICE);
    }

    @Test
    void aMemberWithoutKeyIsOfferedTheButtonAndAPassphraseOfItsOwn() throws Exception {
        mvc.perform(get("/settings/encryption").with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("OpenPGP is off")))
                .andExpect(content().string(containsString("not your login password")))
                .andExpect(content().string(containsString("action=\"/settings/encryption/on\"")))
                .andExpect(content().string(not(containsString("id=\"switches\""))));
    }

    @Test
    void turningOnNeedsTheSamePassphraseTwiceAndEightCharacters() throws Exception {
        mvc.perform(post("/settings/encryption/on").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "correct horse").param("repeat", "correct hors"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("The two passphrases are not the same.")));
        mvc.perform(post("/settings/encryption/on").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "short").param("repeat", "short"))
                .andExpect(content().string(containsString("at least 8 characters")));
        verify(keys, never()).turnOn(any(), any());
    }

    @Test
    void theSetupIsNotFinishedUntilTheRecoveryKitIsDownloaded() throws Exception {
        mvc.perform(post("/settings/encryption/on").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "correct horse").param("repeat", "correct horse")
                        .param("address", "mallory@example.org"))
                .andExpect(redirectedUrl("/settings/encryption"));
        verify(keys).turnOn(eq(ALICE), eq("correct horse".toCharArray()));
        when(keys.status(ALICE)).thenReturn(MADE_HERE);

        mvc.perform(get("/settings/encryption").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("OpenPGP setup is not finished")))
                .andExpect(content().string(containsString("0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567")))
                .andExpect(content().string(containsString("Download the recovery kit")))
                .andExpect(content().string(not(containsString("id=\"switches\""))));
        mvc.perform(post("/settings/encryption/switches").with(user(ALICE)).with(csrf()).session(alice())
                        .param("encryptIncoming", "true"))
                .andExpect(content().string(containsString("Download your recovery kit first.")));
        verify(keys, never()).changeSwitches(any(), any());

        when(keys.recoveryMaterial(ALICE, "wrong passphrase".toCharArray()))
                .thenThrow(new MemberKeyException("Wrong passphrase for alice@example.org's key."));
        mvc.perform(post("/settings/encryption/recovery-kit").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "wrong passphrase"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Wrong passphrase for alice@example.org&#39;s key.")));
        assertThat(pending.pending(ALICE)).isTrue();

        when(keys.recoveryMaterial(ALICE, "correct horse".toCharArray())).thenReturn(new RecoveryMaterial(FINGERPRINT,
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret\n", "-----BEGIN PGP PUBLIC KEY BLOCK-----\nrevocation\n"));
        byte[] zip = mvc.perform(post("/settings/encryption/recovery-kit").with(user(ALICE)).with(csrf()).session(alice())
                        .param("passphrase", "correct horse"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsByteArray();
        Map<String, String> files = unzip(zip);
        assertThat(files).containsOnlyKeys("READ-ME-FIRST.txt", "secret-key.asc", "revocation.asc");
        assertThat(files.get("secret-key.asc")).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----\r\nsecret");
        assertThat(files.get("READ-ME-FIRST.txt")).contains("alice@example.org", "0123 4567 89AB CDEF", "revocation.asc");
        assertThat(pending.pending(ALICE)).isFalse();

        mvc.perform(get("/settings/encryption").with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("OpenPGP is on")))
                .andExpect(content().string(containsString("id=\"switches\"")));
        mvc.perform(post("/settings/encryption/switches").with(user(ALICE)).with(csrf()).session(alice())
                        .param("encryptIncoming", "true").param("autocrypt", "true"))
                .andExpect(redirectedUrl("/settings/encryption"));
        verify(keys).changeSwitches(ALICE, new KeySwitches(true, false, true));
    }

    @Test
    void formsNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/settings/encryption/on").with(user(ALICE)).session(alice())
                        .param("passphrase", "correct horse").param("repeat", "correct horse"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/encryption/revoke").with(user(ALICE)).session(alice()).param("passphrase", "x"))
                .andExpect(status().isForbidden());
        verify(keys, never()).turnOn(any(), any());
        verify(keys, never()).revoke(any(), any());
    }

    @Test
    void aWrongPassphraseOnRevokeIsOneClearSentence() throws Exception {
        when(keys.status(ALICE)).thenReturn(MADE_HERE);
        when(keys.revoke(ALICE, "nope".toCharArray())).thenThrow(new MemberKeyException("Wrong passphrase for alice@example.org's key."));
        mvc.perform(post("/settings/encryption/revoke").with(user(ALICE)).with(csrf()).session(alice()).param("passphrase", "nope"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("role=\"alert\">Wrong passphrase for alice@example.org&#39;s key.")))
                .andExpect(content().string(containsString("OpenPGP is on")));
    }

    @Test
    void thePublicKeyDownloadsAndOneIsImportedForTheSessionsAddressOnly() throws Exception {
        when(keys.publicKey(ALICE)).thenReturn("-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
        mvc.perform(get("/settings/encryption/public-key").with(user(ALICE)).session(alice()).param("address", "bob@example.org"))
                .andExpect(header().string("Content-Disposition", containsString("alice@example.org.asc")))
                .andExpect(content().string("-----BEGIN PGP PUBLIC KEY BLOCK-----\n"));
        mvc.perform(post("/settings/encryption/import").with(user(ALICE)).with(csrf()).session(alice()).param("key", " "))
                .andExpect(content().string(containsString("Paste a public key first.")));
        when(keys.importPublicKey(eq(ALICE), any())).thenThrow(new MemberKeyException("Import a public key only; the secret key stays with its owner."));
        mvc.perform(post("/settings/encryption/import").with(user(ALICE)).with(csrf()).session(alice())
                        .param("key", "-----BEGIN PGP PRIVATE KEY BLOCK-----"))
                .andExpect(content().string(containsString("Import a public key only")));
    }

    @Test
    void herSecretKeyIsImportedWithItsPassphraseForTheSessionsAddressOnly() throws Exception {
        mvc.perform(post("/settings/encryption/import-secret").with(user(ALICE)).with(csrf()).session(alice()).param("key", " "))
                .andExpect(content().string(containsString("Paste your secret key first.")));
        verify(keys, never()).importSecretKey(any(), any(), any());
        when(keys.importSecretKey(eq(ALICE), any(), any())).thenThrow(new MemberKeyException("Wrong passphrase for alice@example.org's key."));
        mvc.perform(post("/settings/encryption/import-secret").with(user(ALICE)).with(csrf()).session(alice())
                        .param("key", "-----BEGIN PGP PRIVATE KEY BLOCK-----").param("passphrase", "wrong one!")
                        .param("address", "bob@example.org"))
                .andExpect(content().string(containsString("Wrong passphrase for alice@example.org&#39;s key.")));
        verify(keys).importSecretKey(eq(ALICE), argThat(k -> new String(k, StandardCharsets.UTF_8).startsWith("-----BEGIN PGP PRIVATE")),
                argThat(p -> new String(p).equals("wrong one!")));
        mvc.perform(post("/settings/encryption/import-secret").with(user(ALICE)).session(alice())
                        .param("key", "-----BEGIN PGP PRIVATE KEY BLOCK-----").param("passphrase", "from another site"))
                .andExpect(status().isForbidden());
        verify(keys, org.mockito.Mockito.times(1)).importSecretKey(any(), any(), any());
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
