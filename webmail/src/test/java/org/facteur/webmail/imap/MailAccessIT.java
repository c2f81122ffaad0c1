package org.facteur.webmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.facteur.mailserver.MailServerExtension.ALICE;
import static org.facteur.mailserver.MailServerExtension.ALICE_PASSWORD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.compose.ComposeForm;
import org.facteur.webmail.compose.MailSender;
import org.facteur.webmail.config.WebmailProperties;
import org.facteur.webmail.mail.FolderSummary;
import org.facteur.webmail.mail.MailReader;
import org.facteur.webmail.mail.MessagePage;
import org.facteur.webmail.mail.MessageSummary;
import org.facteur.webmail.mail.MessageView;
import org.facteur.webmail.mail.MailActions;
import org.facteur.webmail.mail.MessageParts;
import org.facteur.webmail.mail.SearchField;
import org.facteur.webmail.compose.Replies;
import org.facteur.webmail.compose.Upload;
import org.facteur.webmail.settings.MemberSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webmail's IMAP and SMTP layer against the real embedded James (STARTTLS, self-signed certificate). */
class MailAccessIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "An0ther-pass";

    static MailConnector connector;
    static MailClient client;
    final MailReader reader = new MailReader();

    @BeforeAll
    static void setUp() throws Exception {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        var ports = mail.settings().ports();
        connector = new MailConnector(new WebmailProperties("127.0.0.1", ports.imap(), "127.0.0.1",
                ports.submission(), "127.0.0.1", Duration.ofSeconds(20), java.nio.file.Path.of("target/settings"),
                org.springframework.util.unit.DataSize.ofMegabytes(18)));
        client = mail.client();
    }

    private static MailboxSession login(String address, String password) throws Exception {
        Store store = connector.connect(address, password);
        return new MailboxSession(address, password.toCharArray(), store, connector);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> connector.connect(ALICE, "wrong-password")).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void readsAMessageSentOverSmtpAndMarksItRead() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            client.submit(BOB, BOB_PASSWORD, client.message(BOB, ALICE, "Réunion jeudi", "<b>not html</b>\nÀ jeudi !"));
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(alice, "INBOX").contains("Réunion jeudi"));

            FolderSummary inbox = reader.folders(alice).get(0);
            assertThat(inbox.name()).isEqualTo("INBOX");
            assertThat(inbox.unread()).isGreaterThanOrEqualTo(1);
            assertThat(reader.folders(alice)).extracting(FolderSummary::name).contains("Sent", "Trash", "Drafts");

            MessageSummary line = reader.page(alice, "INBOX", 1).messages().stream()
                    .filter(m -> m.subject().equals("Réunion jeudi")).findFirst().orElseThrow();
            assertThat(line.from()).isEqualTo(BOB);
            assertThat(line.seen()).isFalse();

            MessageView view = reader.message(alice, "INBOX", line.uid());
            assertThat(view.text()).contains("<b>not html</b>", "À jeudi !");
            assertThat(view.hasHtml()).isFalse();
            assertThat(view.to()).containsExactly(ALICE);
            assertThat(reader.page(alice, "INBOX", 1).messages()).filteredOn(m -> m.uid() == line.uid())
                    .allMatch(MessageSummary::seen);
        }
    }

    @Test
    void findsTheHtmlAlternative() throws Exception {
        MimeMessage m = client.message(BOB, ALICE, "Newsletter", "");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("plain version", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>rich <b>version</b></p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        client.submit(BOB, BOB_PASSWORD, m);
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(alice, "INBOX").contains("Newsletter"));
            long uid = reader.page(alice, "INBOX", 1).messages().stream()
                    .filter(s -> s.subject().equals("Newsletter")).findFirst().orElseThrow().uid();
            MessageView view = reader.message(alice, "INBOX", uid);
            assertThat(view.html()).contains("<b>version</b>");
            assertThat(view.text()).contains("plain version");
        }
    }

    @Test
    void pagesAreFiftyMessagesNewestFirst() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            Folder folder = alice.store().getFolder("Pages");
            folder.create(Folder.HOLDS_MESSAGES);
            List<Message> messages = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                messages.add(client.message(BOB, ALICE, "m" + i, "body " + i));
            }
            folder.appendMessages(messages.toArray(new Message[0]));

            MessagePage first = reader.page(alice, "Pages", 1);
            assertThat(first.total()).isEqualTo(60);
            assertThat(first.pageCount()).isEqualTo(2);
            assertThat(first.messages()).hasSize(50);
            assertThat(first.messages().get(0).subject()).isEqualTo("m60");
            MessagePage second = reader.page(alice, "Pages", 2);
            assertThat(second.messages()).extracting(MessageSummary::subject).first().isEqualTo("m10");
            assertThat(second.messages()).extracting(MessageSummary::subject).last().isEqualTo("m1");
            assertThat(reader.page(alice, "Pages", 99).page()).isEqualTo(2);
            assertThatThrownBy(() -> reader.page(alice, "NoSuchFolder", 1)).isInstanceOf(MailReader.NotFoundException.class);
        }
    }

    @Test
    void sendsOverSubmissionAndKeepsACopyInSent() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            ComposeForm form = new ComposeForm();
            form.setTo(BOB);
            form.setSubject("From the webmail");
            form.setBody("Hello Bob, ça va ?");
            new MailSender(connector, reader).send(alice, form, List.of(), MemberSettings.NONE);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.subjects(BOB, BOB_PASSWORD, "INBOX").contains("From the webmail"));
            assertThat(client.subjects(ALICE, ALICE_PASSWORD, MailSender.SENT)).contains("From the webmail");
            try (Store bob = client.imap(BOB, BOB_PASSWORD)) {
                Folder inbox = bob.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message received = inbox.getMessage(inbox.getMessageCount());
                assertThat(received.getFrom()[0].toString()).isEqualTo(ALICE);
                assertThat(received.getContent().toString()).contains("ça va ?");
                inbox.close(false);
            }
        }
    }

    @Test
    void closedStoreIsReopenedOnNextUse() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            alice.store().close();
            assertThat(reader.folders(alice)).isNotEmpty();
        }
    }


    @Test
    void searchFindsByFromSubjectAndBodyOnTheServer() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            Folder folder = alice.store().getFolder("Searching");
            folder.create(Folder.HOLDS_MESSAGES);
            folder.appendMessages(new Message[] {
                    client.message("carol@example.org", ALICE, "Budget 2027", "the treasurer sends figures"),
                    client.message(BOB, ALICE, "Picnic", "bring a zanzibar cake"),
                    client.message(BOB, ALICE, "Minutes", "nothing special")});
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    reader.search(alice, "Searching", "zanzibar", SearchField.BODY, 1).messages())
                    .extracting(MessageSummary::subject).containsExactly("Picnic"));
            assertThat(reader.search(alice, "Searching", "carol", SearchField.FROM, 1).messages())
                    .extracting(MessageSummary::subject).containsExactly("Budget 2027");
            assertThat(reader.search(alice, "Searching", "minutes", SearchField.SUBJECT, 1).messages())
                    .extracting(MessageSummary::subject).containsExactly("Minutes");
            assertThat(reader.search(alice, "Searching", "treasurer", SearchField.ANY, 1).total()).isEqualTo(1);
            assertThat(reader.search(alice, "Searching", "absentword", SearchField.ANY, 1).total()).isZero();
            assertThat(reader.search(alice, "Searching", "zanzibar", SearchField.SUBJECT, 1).total()).isZero();
        }
    }

    @Test
    void anAttachmentSurvivesSendingAndForwarding() throws Exception {
        byte[] pdf = new byte[70_000];
        new java.util.Random(7).nextBytes(pdf);
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD); MailboxSession bob = login(BOB, BOB_PASSWORD)) {
            ComposeForm form = new ComposeForm();
            form.setTo(BOB);
            form.setSubject("Statuts signés");
            form.setBody("Les statuts en pièce jointe.");
            new MailSender(connector, reader).send(alice, form,
                    List.of(new Upload("statuts été.pdf", "application/pdf", pdf)), MemberSettings.NONE);
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(bob, "INBOX").contains("Statuts signés"));
            long uid = uidOf(bob, "INBOX", "Statuts signés");
            MessageView view = reader.message(bob, "INBOX", uid);
            assertThat(view.text()).contains("Les statuts en pièce jointe.");
            assertThat(view.attachments()).extracting(MessageParts.Attachment::filename).containsExactly("statuts été.pdf");
            MessageParts.Attachment a = view.attachments().get(0);
            MailReader.AttachmentContent content = reader.attachment(bob, "INBOX", uid, a.index());
            assertThat(content.bytes()).isEqualTo(pdf);
            assertThat(content.contentType()).isEqualTo("application/pdf");

            ComposeForm forward = Replies.form(view, Replies.Mode.FORWARD, BOB, new Replies.Wording("On %s, %s wrote:", "-- fwd --"));
            forward.setTo(ALICE);
            assertThat(forward.getSubject()).isEqualTo("Fwd: Statuts signés");
            new MailSender(connector, reader).send(bob, forward, List.of(), MemberSettings.NONE);
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(alice, "INBOX").contains("Fwd: Statuts signés"));
            long forwarded = uidOf(alice, "INBOX", "Fwd: Statuts signés");
            MessageView fw = reader.message(alice, "INBOX", forwarded);
            assertThat(fw.text()).contains("-- fwd --", "Les statuts en pièce jointe.");
            assertThat(reader.attachment(alice, "INBOX", forwarded, fw.attachments().get(0).index()).bytes()).isEqualTo(pdf);
            assertThatThrownBy(() -> reader.attachment(alice, "INBOX", forwarded, 99)).isInstanceOf(MailReader.NotFoundException.class);
        }
    }

    @Test
    void aReplyIsThreadedAndTheConversationShowsBothSides() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD); MailboxSession bob = login(BOB, BOB_PASSWORD)) {
            MailSender sender = new MailSender(connector, reader);
            ComposeForm first = new ComposeForm();
            first.setTo(BOB);
            first.setSubject("Salle pour l'AG");
            first.setBody("Qui réserve la salle ?");
            sender.send(alice, first, List.of(), new MemberSettings("Alice Martin", ""));
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(bob, "INBOX").contains("Salle pour l'AG"));
            MessageView original = reader.message(bob, "INBOX", uidOf(bob, "INBOX", "Salle pour l'AG"));
            assertThat(original.from()).isEqualTo("Alice Martin <" + ALICE + ">");

            ComposeForm reply = Replies.form(original, Replies.Mode.REPLY, BOB, new Replies.Wording("On %s, %s wrote:", "fwd"));
            assertThat(reply.getTo()).isEqualTo("Alice Martin <" + ALICE + ">");
            assertThat(reply.getBody()).contains("> Qui réserve la salle ?");
            reply.setBody("Moi.\n" + reply.getBody());
            sender.send(bob, reply, List.of(), MemberSettings.NONE);
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(alice, "INBOX").contains("Re: Salle pour l'AG"));
            MessageView answer = reader.message(alice, "INBOX", uidOf(alice, "INBOX", "Re: Salle pour l'AG"));
            assertThat(answer.inReplyTo()).isEqualTo(original.messageId());
            assertThat(answer.references()).contains(original.messageId());

            var conversation = reader.conversation(alice, answer, MailSender.SENT);
            assertThat(conversation).extracting(c -> c.folder() + ":" + c.message().subject())
                    .containsExactly("Sent:Salle pour l'AG", "INBOX:Re: Salle pour l'AG");
            assertThat(conversation.get(1).current()).isTrue();
        }
    }

    @Test
    void flagsMovesAndDeletesToTrashThenForGood() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            Folder folder = alice.store().getFolder("Acting");
            folder.create(Folder.HOLDS_MESSAGES);
            folder.appendMessages(new Message[] {client.message(BOB, ALICE, "act-1", "one"), client.message(BOB, ALICE, "act-2", "two")});
            MailActions actions = new MailActions(reader);
            long one = uidOf(alice, "Acting", "act-1");
            long two = uidOf(alice, "Acting", "act-2");
            actions.apply(alice, "Acting", List.of(one, two), MailActions.Action.FLAG, null);
            actions.apply(alice, "Acting", List.of(one), MailActions.Action.READ, null);
            assertThat(reader.page(alice, "Acting", 1).messages()).allMatch(MessageSummary::flagged)
                    .filteredOn(MessageSummary::seen).extracting(MessageSummary::uid).containsExactly(one);
            actions.apply(alice, "Acting", List.of(one), MailActions.Action.UNREAD, null);
            actions.apply(alice, "Acting", List.of(two), MailActions.Action.UNFLAG, null);
            assertThat(reader.page(alice, "Acting", 1).messages()).noneMatch(MessageSummary::seen)
                    .filteredOn(MessageSummary::flagged).extracting(MessageSummary::uid).containsExactly(one);

            actions.apply(alice, "Acting", List.of(one), MailActions.Action.MOVE, "Archive");
            assertThat(subjects(alice, "Acting")).containsExactly("act-2");
            assertThat(subjects(alice, "Archive")).contains("act-1");
            actions.apply(alice, "Acting", List.of(two), MailActions.Action.DELETE, null);
            assertThat(subjects(alice, "Acting")).isEmpty();
            assertThat(subjects(alice, "Trash")).contains("act-2");
            long trashed = uidOf(alice, "Trash", "act-2");
            actions.apply(alice, "Trash", List.of(trashed), MailActions.Action.DELETE, null);
            assertThat(subjects(alice, "Trash")).doesNotContain("act-2");
            assertThatThrownBy(() -> actions.apply(alice, "Archive", List.of(one), MailActions.Action.MOVE, "Nowhere"))
                    .isInstanceOf(MailReader.NotFoundException.class);
        }
    }

    @Test
    void aDraftIsReplacedWhenSavedAgainAndRemovedWhenSent() throws Exception {
        try (MailboxSession alice = login(ALICE, ALICE_PASSWORD)) {
            MailSender sender = new MailSender(connector, reader);
            ComposeForm form = new ComposeForm();
            form.setTo(BOB);
            form.setSubject("Draft-in-progress");
            form.setBody("first words");
            MailSender.SavedDraft first = sender.saveDraft(alice, form, List.of(), MemberSettings.NONE);
            assertThat(first.uid()).isPositive();
            form.setDraftUid(first.uid());
            form.setBody("first words, and more");
            MailSender.SavedDraft second = sender.saveDraft(alice, form, List.of(new Upload("a.txt", "text/plain", "hello".getBytes())),
                    MemberSettings.NONE);
            assertThat(subjects(alice, "Drafts")).containsOnlyOnce("Draft-in-progress");
            MessageView draft = reader.message(alice, "Drafts", second.uid());
            assertThat(draft.text()).isEqualTo("first words, and more");

            ComposeForm resumed = Replies.form(draft, Replies.Mode.DRAFT, ALICE, new Replies.Wording("%s %s", "f"));
            assertThat(resumed.getDraftUid()).isEqualTo(second.uid());
            assertThat(resumed.attachesFrom()).isTrue();
            sender.send(alice, resumed, List.of(), MemberSettings.NONE);
            assertThat(subjects(alice, "Drafts")).doesNotContain("Draft-in-progress");
            await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(BOB, BOB_PASSWORD, "INBOX").contains("Draft-in-progress"));
        }
    }

    @Test
    void theAwayMessageIsKeptOnTheServerInImapMetadata() throws Exception {
        org.facteur.webmail.settings.AwayMessages store = new org.facteur.webmail.settings.AwayMessages();
        try (MailboxSession bob = login(BOB, BOB_PASSWORD)) {
            assertThat(store.load(bob)).isEqualTo(org.facteur.webmail.settings.AwayMessage.NONE);
            var away = new org.facteur.webmail.settings.AwayMessage(true, java.time.LocalDate.parse("2026-12-20"), null,
                    "Congés d'hiver", "Bonjour,\nje suis absent jusqu'au 4 janvier.\n« Bob »");
            store.save(bob, away);
            assertThat(store.load(bob)).isEqualTo(away);
        }
        try (MailboxSession bobAgain = login(BOB, BOB_PASSWORD)) {
            assertThat(store.load(bobAgain).subject()).isEqualTo("Congés d'hiver");
        }
    }

    private long uidOf(MailboxSession session, String folder, String subject) throws Exception {
        return reader.page(session, folder, 1).messages().stream().filter(m -> m.subject().equals(subject))
                .findFirst().orElseThrow().uid();
    }

    private List<String> subjects(MailboxSession session, String folder) throws Exception {
        return reader.page(session, folder, 1).messages().stream().map(MessageSummary::subject).toList();
    }
}
