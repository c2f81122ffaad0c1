package org.facteur.mailserver.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.james.user.lib.model.Algorithm;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hashes written by Facteur before issue 16 (James's PBKDF2-SHA512, 1,000 iterations, the user name as salt,
 * carried into the SQL store by the migration) keep working and are replaced by the current hash at the first successful login, never at a failed one.
 */
class PasswordRehashIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String PASSWORD = "0ld-hash-pass";

    record Stored(String hash) {
    }

    /**
     * A user of the Derby release, as the migration writes it into the SQL store: James's JPAUser digest with
     * Facteur's old setting (PBKDF2-SHA512, the user name as salt), in {@link PasswordHashing#fromJames}'s format.
     */
    static void addLegacyUser(String user) throws SQLException {
        String legacy = PasswordHashing.fromJames("PBKDF2-SHA512", user, Algorithm.of("PBKDF2-SHA512").digest(PASSWORD, user));
        try (Connection db = database();
             PreparedStatement insert = db.prepareStatement("INSERT INTO users (name, password_hash) VALUES (?, ?)")) {
            insert.setString(1, user);
            insert.setString(2, legacy);
            insert.executeUpdate();
        }
    }

    static Stored stored(String user) throws SQLException {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT password_hash FROM users WHERE name = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("row of %s", user).isTrue();
                return new Stored(row.getString(1));
            }
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + mail.settings().data().database());
    }

    static String imapLogin(String user, String password) throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            return imap.login(user, password);
        }
    }

    static String smtpLogin(String user, String password) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            return smtp.authPlain(user, password);
        }
    }

    @Test
    void anOldHashIsReplacedAtTheFirstImapLoginAndThePasswordStillWorks() throws Exception {
        String user = "legacy-imap@example.org";
        addLegacyUser(user);
        assertThat(stored(user).hash()).startsWith("$pbkdf2-sha512$i=1000,l=64$");

        assertThat(imapLogin(user, PASSWORD)).startsWith("OK");

        Stored after = stored(user);
        assertThat(after.hash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
        assertThat(imapLogin(user, PASSWORD)).startsWith("OK");
        assertThat(smtpLogin(user, PASSWORD)).startsWith("235");
        assertThat(stored(user)).as("a current hash is not rewritten at every login").isEqualTo(after);
    }

    @Test
    void anOldHashIsReplacedAtTheFirstSmtpLoginToo() throws Exception {
        String user = "legacy-smtp@example.org";
        addLegacyUser(user);
        assertThat(smtpLogin(user, PASSWORD)).startsWith("235");
        assertThat(stored(user).hash()).startsWith("$argon2id$");
        assertThat(imapLogin(user, PASSWORD)).startsWith("OK");
    }

    @Test
    void aWrongPasswordNeverRehashes() throws Exception {
        String user = "legacy-wrong@example.org";
        addLegacyUser(user);
        Stored before = stored(user);
        assertThat(imapLogin(user, "not-" + PASSWORD)).startsWith("NO");
        assertThat(smtpLogin(user, "not-" + PASSWORD)).startsWith("535");
        assertThat(stored(user)).isEqualTo(before);
        assertThat(imapLogin(user, PASSWORD)).startsWith("OK");
    }

    @Test
    void newUsersAndNewPasswordsGetTheCurrentHashWithTheirOwnSalt() throws Exception {
        mail.server().admin().addUser("fresh@example.org", "Fr3sh-password");
        mail.server().admin().addUser("twin@example.org", "Fr3sh-password");
        Stored fresh = stored("fresh@example.org");
        assertThat(fresh.hash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(stored("twin@example.org").hash()).as("same password, different salt").isNotEqualTo(fresh.hash());

        mail.server().admin().changePassword("fresh@example.org", "N3w-password-1");
        assertThat(stored("fresh@example.org").hash()).startsWith("$argon2id$").isNotEqualTo(fresh.hash());
        assertThat(imapLogin("fresh@example.org", "N3w-password-1")).startsWith("OK");
        assertThat(imapLogin("fresh@example.org", "Fr3sh-password")).startsWith("NO");
    }
}
