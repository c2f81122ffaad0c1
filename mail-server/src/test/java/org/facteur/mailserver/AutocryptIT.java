package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.autocrypt.AutocryptHeader;
import org.facteur.pgp.autocrypt.AutocryptHeaderParser;
import org.facteur.pgp.autocrypt.PeerState;
import org.facteur.pgp.autocrypt.PreferEncrypt;
import org.facteur.pgp.store.PgpSettings;
import org.facteur.pgp.store.UserKeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Autocrypt Level 1 in the mail flow: the header on submitted mail, and peer state from received mail. */
class AutocryptIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    static final String ALICE = MailServerExtension.ALICE;
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "B0b-password";
    static final String DAVE = "dave@example.org";
    static final String DAVE_PASSWORD = "D4ve-password";
    static final String CAROL = "carol@remote.test";
    static final Session SESSION = Session.getInstance(new Properties());

    @BeforeAll
    static void users() throws Exception {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        mail.server().admin().addUser(DAVE, DAVE_PASSWORD);
        PgpSettings autocrypt = new PgpSettings(false, false, true);
        mail.server().pgp().enable(ALICE, "alice's passphrase".toCharArray(), autocrypt);
        mail.server().pgp().enable(DAVE, "dave's passphrase!".toCharArray(), autocrypt);
    }

    @Test
    void mailSubmittedByAUserWithAutocryptCarriesTheirKeyWhichGpgImports() throws Exception {
        mail.client().submit(ALICE, MailServerExtension.ALICE_PASSWORD, mail.client().message(ALICE, BOB, "With Autocrypt", "hello bob"));
        MimeMessage received = message(BOB, BOB_PASSWORD, "With Autocrypt");
        String[] values = received.getHeader(AutocryptHeader.NAME);
        assertThat(values).hasSize(1);
        AutocryptHeader header = AutocryptHeaderParser.parse(values[0]).orElseThrow();
        String fingerprint = mail.server().pgp().status(ALICE).fingerprint();
        assertThat(header.address()).isEqualTo(ALICE);
        assertThat(header.certificate().fingerprint()).isEqualTo(fingerprint);

        String keydata = values[0].substring(values[0].indexOf("keydata=") + "keydata=".length()).replaceAll("\\s", "");
        try (Gpg gpg = new Gpg()) {
            Gpg.Result shown = gpg.run(Base64.getDecoder().decode(keydata), null, "--with-colons", "--import-options", "show-only", "--import");
            assertThat(shown.exit()).as(shown.toString()).isZero();
            assertThat(shown.out()).contains("fpr:::::::::" + fingerprint + ":").contains("<" + ALICE + ">");
        }

        // bob did not turn Autocrypt on: nothing is added to his mail
        mail.client().submit(BOB, BOB_PASSWORD, mail.client().message(BOB, ALICE, "Without Autocrypt", "hello alice"));
        assertThat(message(ALICE, MailServerExtension.ALICE_PASSWORD, "Without Autocrypt").getHeader(AutocryptHeader.NAME)).isNull();
    }

    @Test
    void anIncomingHeaderUpdatesPeerStateOnlyWhenItsDateIsNewer() throws Exception {
        OpenPgp pgp = new OpenPgp();
        Certificate first = pgp.generateKey(KeySpec.forMailbox("Carol", CAROL), "carol one".toCharArray()).secretKey().certificate();
        Certificate second = pgp.generateKey(KeySpec.forMailbox("Carol", CAROL), "carol two".toCharArray()).secretKey().certificate();
        UserKeyStore store = mail.server().pgp().store();

        deliverFromCarol("January 10", Instant.parse("2026-01-10T10:00:00Z"), first, DAVE + ", " + BOB);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.peer(DAVE, CAROL).isPresent());
        assertThat(store.peer(DAVE, CAROL).orElseThrow().certificate().fingerprint()).isEqualTo(first.fingerprint());
        message(BOB, BOB_PASSWORD, "January 10");
        assertThat(store.peer(BOB, CAROL)).as("bob did not turn Autocrypt on").isEmpty();

        deliverFromCarol("January 5", Instant.parse("2026-01-05T10:00:00Z"), second, DAVE);
        message(DAVE, DAVE_PASSWORD, "January 5"); // delivered, so it went past the collector
        PeerState afterOlder = store.peer(DAVE, CAROL).orElseThrow();
        assertThat(afterOlder.certificate().fingerprint()).as("an older message does not replace the key").isEqualTo(first.fingerprint());
        assertThat(afterOlder.autocryptTimestamp()).isEqualTo(Instant.parse("2026-01-10T10:00:00Z"));

        deliverFromCarol("January 20", Instant.parse("2026-01-20T10:00:00Z"), second, DAVE);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.peer(DAVE, CAROL).map(p -> p.certificate().fingerprint().equals(second.fingerprint())).orElse(false));
        assertThat(store.peer(DAVE, CAROL).orElseThrow().autocryptTimestamp()).isEqualTo(Instant.parse("2026-01-20T10:00:00Z"));

        // what the webmail checks carol's signatures against: the key dave collected, nothing for bob
        assertThat(mail.server().pgp().knownCertificates(DAVE, "Carol@Remote.test")).extracting(Certificate::fingerprint)
                .containsExactly(second.fingerprint());
        assertThat(mail.server().pgp().knownCertificates(BOB, CAROL)).isEmpty();
    }

    @Test
    void aWebKeyDirectoryLookupOfAMemberHereIsAnsweredFromHerKeyAndBadAddressesAreRefused() {
        assertThat(mail.server().pgp().lookUpInWebKeyDirectory(BOB, "Alice@Example.org")).map(Certificate::fingerprint)
                .contains(mail.server().pgp().status(ALICE).fingerprint());
        assertThat(mail.server().pgp().lookUpInWebKeyDirectory(ALICE, BOB)).as("bob has no key").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.server().pgp().lookUpInWebKeyDirectory(BOB, "not an address"))
                .isInstanceOf(org.facteur.mailserver.admin.AdminException.class)
                .hasMessage("'not an address' is not a mail address.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mail.server().pgp().lookUpInWebKeyDirectory(CAROL, ALICE))
                .isInstanceOf(org.facteur.mailserver.admin.AdminException.class)
                .hasMessage(CAROL + " is not a mailbox of this server.");
    }

    @Test
    void theKnownCertificatesOfAMemberAreHerPublicKey() {
        assertThat(mail.server().pgp().knownCertificates(BOB, ALICE)).extracting(Certificate::fingerprint)
                .containsExactly(mail.server().pgp().status(ALICE).fingerprint());
        assertThat(mail.server().pgp().knownCertificates(BOB, ALICE).getFirst().armored()).doesNotContain("PRIVATE KEY");
        assertThat(mail.server().pgp().knownCertificates(BOB, BOB)).as("bob has no key").isEmpty();
        assertThat(mail.server().pgp().knownCertificates(BOB, "nobody@example.org")).isEmpty();
        assertThat(mail.server().pgp().knownCertificates(BOB, "../../alice@example.org")).isEmpty();
        assertThat(mail.server().pgp().knownCertificates(BOB, "not an address")).isEmpty();
    }

    private static void deliverFromCarol(String subject, Instant date, Certificate key, String to) throws Exception {
        MimeMessage message = mail.client().message(CAROL, to, subject, "from carol");
        message.setSentDate(Date.from(date));
        message.setHeader(AutocryptHeader.NAME, AutocryptHeader.forKey(key, CAROL, PreferEncrypt.MUTUAL).value());
        mail.client().deliver(message);
    }

    private static MimeMessage message(String user, String password, String subject) {
        byte[] raw = mail.client().raw(user, password, subject);
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

}
