package org.facteur.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The address book through the real stack: alice sends with the compose form over the real embedded server's SMTP
 * submission; her recipients, with the names she wrote, complete what she types next; bob, logged in at the same
 * time, finds none of them; the Contacts page deletes one with the form's token.
 */
class AddressBookIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String ALICE = MailServerExtension.ALICE;
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "B0b-pass-word";
    static final String CAROL = "carol@example.org";
    static RunningWebmail webmail;
    static Browser alice;
    static Browser bob;

    @BeforeAll
    static void setUp() throws Exception {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        mail.server().admin().addUser(CAROL, "Car0l-pass-word");
        webmail = RunningWebmail.start(mail.settings().ports());
        alice = webmail.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
        bob = webmail.browser().logIn(BOB, BOB_PASSWORD);
        Map<String, String> message = new LinkedHashMap<>();
        message.put("to", "Bob Martin <" + BOB + ">");
        message.put("cc", "\"Durand, Élise\" <" + CAROL + ">");
        message.put("subject", "Budget");
        message.put("body", "Numbers attached.");
        HttpResponse<String> sent = alice.postMultipart("/compose", message, alice.get("/compose").body());
        assertThat(sent.body()).contains("Message sent.");
    }

    @AfterAll
    static void tearDown() {
        if (webmail != null) {
            webmail.close();
        }
    }

    @Test
    void whatAliceSentCompletesWhatSheTypesNext() throws Exception {
        HttpResponse<String> bo = alice.get("/contacts/complete?q=bo");
        assertThat(bo.statusCode()).isEqualTo(200);
        assertThat(bo.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(bo.body()).isEqualTo("{\"contacts\":[{\"name\":\"Bob Martin\",\"address\":\"" + BOB
                + "\",\"value\":\"Bob Martin <" + BOB + ">\"}]}");
        assertThat(alice.get("/contacts/complete?q=" + Browser.enc("éli")).body())
                .contains("\"address\":\"" + CAROL + "\"", "\"value\":\"\\\"Durand, Élise\\\" <" + CAROL + ">\"");
    }

    @Test
    void bobSeesNoneOfAlicesContacts() throws Exception {
        assertThat(bob.get("/contacts/complete?q=bo").body()).isEqualTo("{\"contacts\":[]}");
        assertThat(bob.get("/contacts/complete?q=car").body()).isEqualTo("{\"contacts\":[]}");
        assertThat(bob.get("/settings/contacts").body()).contains("No contacts yet").doesNotContain(CAROL);
    }

    @Test
    void theContactsPageDeletesOneContact() throws Exception {
        Map<String, String> note = Map.of("to", "Me <" + ALICE + ">", "subject", "Note to self");
        assertThat(alice.postMultipart("/compose", note, alice.get("/compose").body()).body()).contains("Message sent.");
        HttpResponse<String> page = alice.get("/settings/contacts");
        assertThat(page.body()).contains("Bob Martin", "Durand, Élise", "<td>Me</td>");
        HttpResponse<String> after = alice.postMultipart("/settings/contacts/delete", Map.of("address", ALICE), page.body());
        assertThat(after.uri().getPath()).isEqualTo("/settings/contacts");
        assertThat(after.body()).contains(ALICE + " is no longer in your contacts").contains("Bob Martin");
        assertThat(alice.get("/contacts/complete?q=me").body()).isEqualTo("{\"contacts\":[]}");
    }
}
