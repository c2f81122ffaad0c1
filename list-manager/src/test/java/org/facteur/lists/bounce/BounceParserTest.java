package org.facteur.lists.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/**
 * Bounces in the forms real servers send them: Postfix's and Gmail's DSNs (RFC 3464), Exchange Online's, a policy
 * refusal, a delay report, Exim's X-Failed-Recipients text and qmail's, with their layouts as those servers write them.
 */
class BounceParserTest {

    private static List<Bounce> parse(String message) throws Exception {
        return BounceParser.parse(new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    private static String dsn(String humanText, String statusBlocks) {
        return """
                From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)
                To: team-owner+abc@example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain; charset=us-ascii

                """ + humanText + """

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.remote.test
                X-Postfix-Queue-ID: 4Xy1Z2
                Arrival-Date: Wed,  2 Dec 2026 06:00:00 +0100 (CET)

                """ + statusBlocks + """

                --B1
                Content-Type: text/rfc822-headers

                From: alice@example.org
                Subject: [team] Minutes

                --B1--
                """;
    }

    @Test
    void postfixUserUnknownIsHard() throws Exception {
        List<Bounce> bounces = parse(dsn("I'm sorry to have to inform you that your message could not be delivered.\n\n"
                + "<carol@remote.test>: host mx.remote.test[192.0.2.5] said: 550 5.1.1 <carol@remote.test>: Recipient address\n"
                + "    rejected: User unknown in local recipient table (in reply to RCPT TO command)\n", """
                Final-Recipient: rfc822; carol@remote.test
                Original-Recipient: rfc822;carol@remote.test
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mx.remote.test
                Diagnostic-Code: smtp; 550 5.1.1 <carol@remote.test>: Recipient address rejected:
                    User unknown in local recipient table
                """));
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b.recipient()).isEqualTo("carol@remote.test");
            assertThat(b.status()).isEqualTo("5.1.1");
            assertThat(b.kind()).isEqualTo(BounceKind.HARD);
            assertThat(b.kind().counts()).isTrue();
            assertThat(b.diagnostic()).isEqualTo("smtp; 550 5.1.1 <carol@remote.test>: Recipient address rejected: User unknown in local recipient table");
        });
    }

    @Test
    void gmailsGenericStatusGivesWayToTheCodeInItsDiagnostic() throws Exception {
        List<Bounce> bounces = parse(dsn("Address not found\n", """
                Final-Recipient: rfc822; Dave.Gone@gmail.test
                Action: failed
                Status: 5.0.0
                Remote-MTA: dns; gmail-smtp-in.l.google.test. (192.0.2.26, the server for the domain gmail.test.)
                Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try
                 550-5.1.1 double-checking the recipient's email address for typos or
                 550 5.1.1 unnecessary spaces. https://support.google.test/mail/?p=NoSuchUser
                Last-Attempt-Date: Wed, 02 Dec 2026 05:01:00 -0800 (PST)
                """));
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b.recipient()).isEqualTo("dave.gone@gmail.test");
            assertThat(b.status()).isEqualTo("5.1.1");
            assertThat(b.kind()).isEqualTo(BounceKind.HARD);
        });
    }

    @Test
    void exchangeOnlinesRecipientNotFoundIsHard() throws Exception {
        List<Bounce> bounces = parse(dsn("Your message to erin@contoso.test couldn't be delivered.\n", """
                Original-Recipient: rfc822;erin@contoso.test
                Final-Recipient: rfc822;erin@contoso.test
                Action: failed
                Status: 5.1.10
                Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
                """));
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo("5.1.10");
            assertThat(b.kind()).isEqualTo(BounceKind.HARD);
        });
    }

    @Test
    void aSpamRefusalAMailboxFullAndADelayDoNotCount() throws Exception {
        List<Bounce> bounces = parse(dsn("Several recipients failed.\n", """
                Final-Recipient: rfc822; frank@strict.test
                Action: failed
                Status: 5.7.1
                Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam by Content Filtering

                Final-Recipient: rfc822; grace@full.test
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                Final-Recipient: rfc822; heidi@slow.test
                Action: delayed
                Status: 4.4.1
                Diagnostic-Code: X-Postfix; connect to mx.slow.test[192.0.2.9]:25: Connection timed out

                Final-Recipient: rfc822; ivan@tempfail.test
                Action: failed
                Status: 4.2.0
                Diagnostic-Code: smtp; 451 4.2.0 Try again later
                """));
        assertThat(bounces).extracting(Bounce::recipient).containsExactly("frank@strict.test", "grace@full.test", "ivan@tempfail.test");
        assertThat(bounces).extracting(Bounce::kind)
                .containsExactly(BounceKind.POLICY, BounceKind.OTHER_PERMANENT, BounceKind.TRANSIENT);
        assertThat(bounces).noneMatch(b -> b.kind().counts());
    }

    @Test
    void eximsTextBounceWithXFailedRecipients() throws Exception {
        List<Bounce> bounces = parse("""
                X-Failed-Recipients: judy@exim.test
                From: Mail Delivery System <Mailer-Daemon@exim.test>
                To: team-owner+k3y@example.org
                Subject: Mail delivery failed: returning message to sender
                Content-Type: text/plain; charset=us-ascii

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  judy@exim.test
                    SMTP error from remote mail server after RCPT TO:<judy@exim.test>:
                    550 No such user here

                ------ This is a copy of the message, including all the headers. ------
                """);
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b.recipient()).isEqualTo("judy@exim.test");
            assertThat(b.status()).isEqualTo("5.1.1");
            assertThat(b.kind()).isEqualTo(BounceKind.HARD);
        });
    }

    @Test
    void qmailsBounce() throws Exception {
        List<Bounce> bounces = parse("""
                From: MAILER-DAEMON@qmail.test
                To: team-owner+z9@example.org
                Subject: failure notice

                Hi. This is the qmail-send program at qmail.test.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <mallory@qmail.test>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.
                """);
        assertThat(bounces).singleElement().satisfies(b -> {
            assertThat(b.recipient()).isEqualTo("mallory@qmail.test");
            assertThat(b.status()).isEqualTo("5.1.1");
            assertThat(b.kind()).isEqualTo(BounceKind.HARD);
        });
    }

    @Test
    void anOrdinaryMessageAndADamagedOneAreNoBounces() throws Exception {
        assertThat(parse("From: bob@example.org\nSubject: Re: minutes\n\nThanks, see you on Thursday.\n")).isEmpty();
        assertThat(parse("Content-Type: multipart/report; boundary=\"none\"\n\ngarbage without parts\n")).isEmpty();
    }

    @Test
    void statusClassesAsMailmanAndSympaCountThem() {
        assertThat(BounceKind.ofStatus("5.1.2")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.ofStatus("5.2.1")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.ofStatus("5.2.2")).isEqualTo(BounceKind.OTHER_PERMANENT);
        assertThat(BounceKind.ofStatus("5.7.26")).isEqualTo(BounceKind.POLICY);
        assertThat(BounceKind.ofStatus("4.7.1")).isEqualTo(BounceKind.TRANSIENT);
        assertThat(BounceKind.ofStatus("")).isEqualTo(BounceKind.OTHER_PERMANENT);
    }
}
