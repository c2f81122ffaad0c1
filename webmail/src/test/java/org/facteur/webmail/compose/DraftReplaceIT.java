package org.facteur.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.mailserver.MailServerExtension.ALICE;
import static org.facteur.mailserver.MailServerExtension.ALICE_PASSWORD;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.config.WebmailProperties;
import org.facteur.webmail.imap.MailConnector;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.facteur.webmail.mail.MailReader;
import org.facteur.webmail.mail.MessageSummary;
import org.facteur.webmail.settings.MemberSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A draft saved again over the real embedded James, which offers REPLACE (RFC 8508): the new version takes the old
 * one's place in one command; an old draft that is gone, or a message that is not a draft, is never replaced, and the
 * draft is saved all the same.
 */
class DraftReplaceIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    static MailConnector connector;
    final MailReader reader = new MailReader();
    MailSender sender;

    @BeforeAll
    static void setUp() {
        var ports = mail.settings().ports();
        connector = new MailConnector(new WebmailProperties("127.0.0.1", ports.imap(), "127.0.0.1",
                ports.submission(), "127.0.0.1", Duration.ofSeconds(20), java.nio.file.Path.of("target/settings"),
                org.springframework.util.unit.DataSize.ofMegabytes(18)));
    }

    @BeforeEach
    void newSender() {
        sender = new MailSender(connector, reader);
    }

    private MailboxSession login() throws Exception {
        return new MailboxSession(ALICE, ALICE_PASSWORD.toCharArray(), connector.connect(ALICE, ALICE_PASSWORD), connector);
    }

    private static ComposeForm form(String subject, String body) {
        ComposeForm form = new ComposeForm();
        form.setTo("bob@example.org");
        form.setSubject(subject);
        form.setBody(body);
        return form;
    }

    private List<MessageSummary> drafts(MailboxSession session, String subject) throws Exception {
        return reader.page(session, StandardFolders.DRAFTS, 1).messages().stream()
                .filter(m -> m.subject().equals(subject)).toList();
    }

    @Test
    void aDraftSavedAgainTakesTheOldOnesPlaceInOneReplace() throws Exception {
        try (MailboxSession alice = login()) {
            ComposeForm form = form("Replaced draft", "first words");
            long first = sender.saveDraft(alice, form, List.of(), MemberSettings.NONE).uid();
            form.setBody("first words, and more");
            MimeMessage second = sender.build(alice, form, List.of(), MemberSettings.NONE);

            OptionalLong replaced = DraftReplace.replace(reader, alice, first, second);

            assertThat(replaced).isPresent();
            assertThat(replaced.getAsLong()).isGreaterThan(first);
            assertThat(drafts(alice, "Replaced draft")).singleElement()
                    .satisfies(m -> assertThat(m.uid()).isEqualTo(replaced.getAsLong()));
            assertThat(reader.message(alice, StandardFolders.DRAFTS, replaced.getAsLong()).text())
                    .isEqualTo("first words, and more");

            form.setDraftUid(replaced.getAsLong());
            form.setBody("third version");
            MailSender.SavedDraft third = sender.saveDraft(alice, form, List.of(), MemberSettings.NONE);
            assertThat(drafts(alice, "Replaced draft")).singleElement()
                    .satisfies(m -> assertThat(m.uid()).isEqualTo(third.uid()));
            assertThat(reader.message(alice, StandardFolders.DRAFTS, third.uid()).text()).isEqualTo("third version");
        }
    }

    @Test
    void aDraftAnotherClientDeletedIsNotReplacedAndTheNewVersionIsSavedAllTheSame() throws Exception {
        try (MailboxSession alice = login(); MailboxSession phone = login()) {
            ComposeForm form = form("Deleted elsewhere", "v1");
            long first = sender.saveDraft(alice, form, List.of(), MemberSettings.NONE).uid();
            expunge(phone, first);

            form.setBody("v2");
            assertThat(DraftReplace.replace(reader, alice, first, sender.build(alice, form, List.of(), MemberSettings.NONE)))
                    .isEmpty();
            form.setDraftUid(first);
            MailSender.SavedDraft saved = sender.saveDraft(alice, form, List.of(), MemberSettings.NONE);

            assertThat(drafts(alice, "Deleted elsewhere")).singleElement()
                    .satisfies(m -> assertThat(m.uid()).isEqualTo(saved.uid()));
            assertThat(reader.message(alice, StandardFolders.DRAFTS, saved.uid()).text()).isEqualTo("v2");
        }
    }

    @Test
    void aMessageWithoutTheDraftFlagIsNeverReplaced() throws Exception {
        try (MailboxSession alice = login()) {
            long notADraft = sender.saveDraft(alice, form("Not a draft", "keep me"), List.of(), MemberSettings.NONE).uid();
            setDraftFlag(alice, notADraft, false);

            ComposeForm form = form("Not a draft", "a draft naming it");
            OptionalLong replaced = DraftReplace.replace(reader, alice, notADraft,
                    sender.build(alice, form, List.of(), MemberSettings.NONE));

            assertThat(replaced).isEmpty();
            assertThat(drafts(alice, "Not a draft")).extracting(MessageSummary::uid).containsExactly(notADraft);
        }
    }

    private void expunge(MailboxSession session, long uid) throws Exception {
        reader.withFolder(session, StandardFolders.DRAFTS, Folder.READ_WRITE, folder -> {
            Message m = ((IMAPFolder) folder).getMessageByUID(uid);
            m.setFlag(Flags.Flag.DELETED, true);
            ((IMAPFolder) folder).expunge(new Message[] {m});
            return null;
        });
    }

    private void setDraftFlag(MailboxSession session, long uid, boolean set) throws Exception {
        reader.withFolder(session, StandardFolders.DRAFTS, Folder.READ_WRITE, folder -> {
            ((IMAPFolder) folder).getMessageByUID(uid).setFlag(Flags.Flag.DRAFT, set);
            return null;
        });
    }
}
