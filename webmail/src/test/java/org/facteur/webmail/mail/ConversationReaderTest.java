package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.facteur.webmail.imap.ImapThreads;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.settings.MemberSettings;
import org.facteur.webmail.settings.SettingsStore;
import org.junit.jupiter.api.Test;

/**
 * When there is no grouped page (null, so the folder shows its plain list): the member did not ask, the server does
 * not announce THREAD=REFERENCES, refuses the command, or answers something that is not a thread list.
 */
class ConversationReaderTest {
    private static final String ALICE = "alice@example.org";
    private final MailReader reader = mock(MailReader.class);
    private final SettingsStore settings = mock(SettingsStore.class);
    private final IMAPStore store = mock(IMAPStore.class);
    private final IMAPFolder folder = mock(IMAPFolder.class);
    private final MailboxSession mailbox = new MailboxSession(ALICE, "pw".toCharArray(), store, null);
    private final ConversationReader conversations = new ConversationReader(reader, settings);

    private void serverThreads(boolean announced) throws Exception {
        when(store.isConnected()).thenReturn(true);
        when(store.hasCapability(ImapThreads.CAPABILITY)).thenReturn(announced);
        when(reader.withFolder(any(), anyString(), anyInt(), any())).thenAnswer(call -> {
            MailReader.FolderWork<?> work = call.getArgument(3);
            return work.run(folder);
        });
    }

    @Test
    void offByDefaultTheServerIsNotAsked() throws Exception {
        when(settings.load(ALICE)).thenReturn(MemberSettings.NONE);
        serverThreads(true);
        assertThat(conversations.page(mailbox, "INBOX", 1)).isNull();
        verify(reader, never()).withFolder(any(), any(), anyInt(), any());
    }

    @Test
    void aServerThatDoesNotAnnounceThreadGetsThePlainList() throws Exception {
        when(settings.load(ALICE)).thenReturn(new MemberSettings("", "", true));
        serverThreads(false);
        assertThat(conversations.page(mailbox, "INBOX", 1)).isNull();
        verify(folder, never()).doCommand(any());
    }

    @Test
    void aRefusalOrAnAnswerThatIsNotAThreadListGetsThePlainList() throws Exception {
        when(settings.load(ALICE)).thenReturn(new MemberSettings("", "", true));
        serverThreads(true);
        when(folder.getFullName()).thenReturn("INBOX");
        when(folder.doCommand(any())).thenThrow(new MessagingException("BAD unknown command"));
        assertThat(conversations.page(mailbox, "INBOX", 1)).isNull();
        org.mockito.Mockito.reset(folder);
        when(folder.doCommand(any())).thenReturn("(1 2");
        assertThat(conversations.page(mailbox, "INBOX", 1)).isNull();
    }

    @Test
    void unreadableSettingsMeanThePlainList() throws Exception {
        when(settings.load(ALICE)).thenThrow(new java.io.IOException("disk gone"));
        serverThreads(true);
        assertThat(conversations.page(mailbox, "INBOX", 1)).isNull();
    }
}
