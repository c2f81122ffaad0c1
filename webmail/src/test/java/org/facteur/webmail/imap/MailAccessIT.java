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
                ports.submission(), "127.0.0.1", Duration.ofSeconds(20)));
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
            new MailSender(connector).send(alice, form);

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

    private List<String> subjects(MailboxSession session, String folder) throws Exception {
        return reader.page(session, folder, 1).messages().stream().map(MessageSummary::subject).toList();
    }
}
