package org.facteur.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.webmail.WebmailSlice.Sessions.ALICE;
import static org.facteur.webmail.WebmailSlice.Sessions.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.webmail.encryption.UnlockedMemberKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Sign and Encrypt on the compose page, with real keys made by the {@code pgp} module behind a mocked key store:
 * the key / no key lines and the warning before sending, Encrypt ticked when every recipient has a key, and the
 * refusals that send nothing and give the form back as typed.
 */
class ComposePgpControllerTest extends ComposeSlice {
    static final String BOB = "bob@example.org";
    static final String CAROL = "carol@example.org";
    static final String PASSPHRASE = "le jardin d'alice";
    static GeneratedKey aliceKey;
    static GeneratedKey bobKey;

    @BeforeAll
    static void makeKeys() {
        aliceKey = new OpenPgp().generateKey(KeySpec.forMailbox(null, ALICE), PASSPHRASE.toCharArray());
        bobKey = new OpenPgp().generateKey(KeySpec.forMailbox(null, BOB), "bobs passphrase".toCharArray());
    }

    @BeforeEach
    void keysKnownForAliceAndBobNotCarol() throws Exception {
        when(keys.available()).thenReturn(true);
        when(keys.recipientCertificates(eq(ALICE), anyString())).thenReturn(List.of());
        when(keys.recipientCertificates(ALICE, ALICE)).thenReturn(List.of(aliceKey.secretKey().certificate()));
        when(keys.recipientCertificates(ALICE, BOB)).thenReturn(List.of(bobKey.secretKey().certificate()));
        when(keys.protectedSecretKey(ALICE)).thenReturn(Optional.of(aliceKey.secretKey().armored()));
    }

    @Test
    void thePageSaysWhoHasNoKeyBeforeSendingAndLeavesEncryptUnticked() throws Exception {
        mvc.perform(get("/compose").param("to", BOB + ", " + CAROL).with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<li class=\"has-key\"><span class=\"address\">" + BOB
                        + "</span>: <span class=\"key-state\">key known, can be encrypted</span></li>")))
                .andExpect(content().string(containsString("<li class=\"no-key\"><span class=\"address\">" + CAROL
                        + "</span>: <span class=\"key-state\">no key known</span></li>")))
                .andExpect(content().string(containsString(
                        "No OpenPGP key is known for carol@example.org: the message can only reach them unencrypted.")))
                .andExpect(content().string(not(containsString("id=\"encrypt\" type=\"checkbox\" name=\"encrypt\" value=\"true\" checked"))));
    }

    @Test
    void inFrenchTooTheWarningAndTheRefusalNameTheRecipientWithoutAKey() throws Exception {
        mvc.perform(get("/compose").param("to", CAROL).with(user(ALICE)).session(alice()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("<span class=\"key-state\">aucune clé connue</span>")))
                .andExpect(content().string(containsString(
                        "Aucune clé OpenPGP n’est connue pour carol@example.org : le message ne peut lui parvenir que non chiffré.")));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).header("Accept-Language", "fr")
                        .param("to", CAROL).param("encrypt", "true"))
                .andExpect(content().string(containsString("Non envoyé : aucune clé OpenPGP n’est connue pour carol@example.org.")));
    }

    @Test
    void encryptIsTickedWhenEveryRecipientHasAKeyAndNothingIsWarned() throws Exception {
        mvc.perform(get("/compose").param("to", BOB).with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("id=\"encrypt\" type=\"checkbox\" name=\"encrypt\" value=\"true\" checked")))
                .andExpect(content().string(containsString("id=\"pgp-warning\" class=\"warning\" role=\"status\" hidden")));
    }

    @Test
    void theScriptAsksWhichRecipientsHaveAKeyEvenWhileOneIsHalfTyped() throws Exception {
        mvc.perform(get("/compose/keys").param("to", BOB + ", carol@").param("cc", CAROL).with(user(ALICE)).session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"available\":true,\"ownKey\":true,\"recipients\":["
                        + "{\"address\":\"bob@example.org\",\"key\":true},{\"address\":\"carol@example.org\",\"key\":false}]}", true));
    }

    @Test
    void encryptingToARecipientWithoutAKeyIsRefusedNamingThemAndTheFormComesBack() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", BOB)
                        .param("cc", CAROL).param("subject", "Le portail").param("body", "Le code est 2580.").param("encrypt", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Not sent: no OpenPGP key is known for carol@example.org. Remove them, or untick Encrypt")))
                .andExpect(content().string(containsString("value=\"Le portail\"")))
                .andExpect(content().string(containsString(">Le code est 2580.</textarea>")))
                .andExpect(content().string(containsString("name=\"encrypt\" value=\"true\" checked")));
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }

    @Test
    void encryptingToKnownKeysSendsToTheirKeysAndHersForTheSentCopy() throws Exception {
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", "Bob <" + BOB + ">")
                        .param("body", "Le code est 2580.").param("encrypt", "true"))
                .andExpect(redirectedUrl("/mail"));
        verify(sender).send(any(), any(), any(), any(), argThat(p -> !p.signs() && p.encryptTo().stream().map(c -> c.fingerprint())
                .toList().equals(List.of(bobKey.secretKey().fingerprint(), aliceKey.secretKey().fingerprint()))));
    }

    @Test
    void withoutAKeyOfHerOwnSheCannotEncrypt() throws Exception {
        when(keys.recipientCertificates(ALICE, ALICE)).thenReturn(List.of());
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", BOB).param("encrypt", "true"))
                .andExpect(content().string(containsString("Not sent: to encrypt, turn OpenPGP on in Settings, Encryption first")));
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }

    @Test
    void signingAsksThePassphraseOnceThenTheKeyStaysUnlockedForTheSession() throws Exception {
        MockHttpSession session = alice();
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(session).param("to", CAROL).param("sign", "true"))
                .andExpect(content().string(containsString("Not sent: to sign, give your OpenPGP passphrase below.")))
                .andExpect(content().string(containsString("id=\"signPassphrase\" name=\"signPassphrase\" type=\"password\"")));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(session).param("to", CAROL).param("sign", "true")
                        .param("signPassphrase", "not the passphrase"))
                .andExpect(content().string(containsString("Not sent: wrong OpenPGP passphrase, nothing was signed.")))
                .andExpect(content().string(not(containsString("not the passphrase"))));
        assertThat(UnlockedMemberKey.of(session)).isEmpty();
        verify(sender, never()).send(any(), any(), any(), any(), any());

        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(session).param("to", CAROL).param("sign", "true")
                        .param("signPassphrase", PASSPHRASE))
                .andExpect(redirectedUrl("/mail"));
        verify(sender).send(any(), any(), any(), any(), argThat(p -> p.signs() && !p.encrypts()
                && p.signer().fingerprint().equals(aliceKey.secretKey().fingerprint())));
        assertThat(UnlockedMemberKey.of(session)).isPresent();
        mvc.perform(get("/compose").with(user(ALICE)).session(session))
                .andExpect(content().string(not(containsString("signPassphrase"))));
    }

    @Test
    void withoutTheKeyStoreNeitherBoxIsOfferedAndTicksAreRefused() throws Exception {
        when(keys.available()).thenReturn(false);
        mvc.perform(get("/compose").param("to", BOB).with(user(ALICE)).session(alice()))
                .andExpect(content().string(not(containsString("id=\"pgp\""))));
        mvc.perform(post("/compose").with(user(ALICE)).with(csrf()).session(alice()).param("to", BOB).param("encrypt", "true"))
                .andExpect(content().string(containsString("Not sent: OpenPGP is not available on this server.")));
        verify(sender, never()).send(any(), any(), any(), any(), any());
    }

    @Test
    void aRecipientsKeyIsLookedUpInHerWebKeyDirectoryOnRequestWithTheTokenOnly() throws Exception {
        String dana = "dana@wkd.test";
        when(keys.lookUpInWebKeyDirectory(ALICE, dana)).thenReturn(Optional.of(bobKey.secretKey().certificate()));
        mvc.perform(post("/compose/keys/lookup").param("address", dana).with(user(ALICE)).session(alice()))
                .andExpect(status().isForbidden());
        verify(keys, never()).lookUpInWebKeyDirectory(anyString(), anyString());
        mvc.perform(post("/compose/keys/lookup").param("address", " Dana <" + dana + "> ").with(user(ALICE)).with(csrf())
                        .session(alice()))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"address\":\"dana@wkd.test\",\"found\":true,\"fingerprint\":\""
                        + bobKey.secretKey().certificate().fingerprint() + "\",\"message\":\"Key found in the Web Key Directory of wkd.test: "
                        + bobKey.secretKey().certificate().fingerprint() + "\"}", true));
    }

    @Test
    void aDirectoryWithoutTheKeyOrUnreachableIsSaidInHerLanguage() throws Exception {
        when(keys.lookUpInWebKeyDirectory(ALICE, "zed@wkd.test")).thenReturn(Optional.empty());
        when(keys.lookUpInWebKeyDirectory(ALICE, "zed@down.test")).thenThrow(new org.facteur.webmail.encryption.MemberKeyException(
                "The Web Key Directory of down.test could not be read: connection refused"));
        mvc.perform(post("/compose/keys/lookup").param("address", "zed@wkd.test").with(user(ALICE)).with(csrf()).session(alice())
                        .header("Accept-Language", "fr"))
                .andExpect(content().json("{\"found\":false,\"message\":"
                        + "\"wkd.test ne publie aucune clé OpenPGP pour cette adresse dans son annuaire de clés (WKD).\"}"));
        mvc.perform(post("/compose/keys/lookup").param("address", "zed@down.test").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(content().json("{\"found\":false,\"message\":"
                        + "\"The Web Key Directory of down.test could not be read: connection refused\"}"));
        mvc.perform(post("/compose/keys/lookup").param("address", "not an address").with(user(ALICE)).with(csrf()).session(alice()))
                .andExpect(content().json("{\"found\":false,\"message\":\"This is not a mail address.\"}"));
    }

    @Test
    void aSessionLooksUpTenKeysAMinuteAtMost() throws Exception {
        when(keys.lookUpInWebKeyDirectory(eq(ALICE), anyString())).thenReturn(Optional.empty());
        MockHttpSession session = alice();
        for (int i = 0; i < LookupAllowance.PER_WINDOW; i++) {
            mvc.perform(post("/compose/keys/lookup").param("address", "zed" + i + "@wkd.test").with(user(ALICE)).with(csrf())
                            .session(session))
                    .andExpect(content().json("{\"found\":false,\"message\":"
                            + "\"wkd.test publishes no OpenPGP key for this address in its Web Key Directory.\"}"));
        }
        mvc.perform(post("/compose/keys/lookup").param("address", "zed@wkd.test").with(user(ALICE)).with(csrf()).session(session))
                .andExpect(content().json("{\"found\":false,\"message\":"
                        + "\"Not looked up: 10 lookups a minute at most. Try again in a minute.\"}"));
        verify(keys, org.mockito.Mockito.times(LookupAllowance.PER_WINDOW)).lookUpInWebKeyDirectory(eq(ALICE), anyString());
    }

    @Test
    void theLookUpButtonIsOfferedOnlyWhenTheServerLooksKeysUp() throws Exception {
        mvc.perform(get("/compose").param("to", CAROL).with(user(ALICE)).session(alice()))
                .andExpect(content().string(not(containsString("data-lookup-url"))));
        when(keys.looksUpWebKeyDirectories()).thenReturn(true);
        mvc.perform(get("/compose").param("to", CAROL).with(user(ALICE)).session(alice()))
                .andExpect(content().string(containsString("data-lookup-url=\"/compose/keys/lookup?_csrf=")));
    }
}
