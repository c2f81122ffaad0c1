package org.facteur.webmail.compose;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import org.facteur.webmail.WebmailSlice;
import org.facteur.webmail.contacts.AddressBook;
import org.facteur.webmail.encryption.MemberKeys;
import org.facteur.webmail.mail.EncryptedMessages;
import org.facteur.webmail.mail.MailReader;
import org.facteur.webmail.settings.MemberSettings;
import org.facteur.webmail.settings.SettingsStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The compose controller with its real OpenPGP choice ({@link RecipientKeys}, {@link ProtectionChoice}) and mocked
 * mail access, encrypted mail, settings, address book and key store (which, unless a test says otherwise, keeps no keys).
 */
@WebMvcTest(ComposeController.class)
@WebmailSlice
@Import({RecipientKeys.class, ProtectionChoice.class})
abstract class ComposeSlice {
    @Autowired
    MockMvc mvc;
    @MockitoBean
    MailSender sender;
    @MockitoBean
    MailReader reader;
    @MockitoBean
    SettingsStore settings;
    @MockitoBean
    AddressBook addressBook;
    @MockitoBean
    MemberKeys keys;
    @MockitoBean
    EncryptedMessages encrypted;

    @BeforeEach
    void noSettings() throws Exception {
        when(settings.load(any())).thenReturn(MemberSettings.NONE);
    }
}
