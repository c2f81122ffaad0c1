package org.facteur.mailserver.imap.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.facteur.mailserver.imap.conformance.ScriptAccounts.Account;
import org.junit.jupiter.api.Test;

class ScriptAccountsTest {
    private final ScriptAccounts accounts = new ScriptAccounts();
    private final Account imapuser = accounts.account("imapuser", "password");
    private final Account boby = accounts.account("Boby", "password");

    @Test
    void eachScriptNameIsAFreshAddressWithAStrongPassword() {
        assertThat(imapuser.address()).matches("imapuser-\\d+@localhost");
        assertThat(new ScriptAccounts().account("imapuser", "password").address()).isNotEqualTo(imapuser.address());
        assertThat(imapuser.password()).hasSizeGreaterThanOrEqualTo(10).isNotEqualTo("password");
    }

    @Test
    void loginGetsTheAddressAndTheRealPasswordOnlyWhenTheScriptGivesTheRightOne() {
        assertThat(accounts.toServer("a000 LOGIN imapuser password"))
                .isEqualTo("a000 LOGIN " + imapuser.address() + " " + imapuser.password());
        assertThat(accounts.toServer("a004 LOGIN imapuser invalid")).isEqualTo("a004 LOGIN " + imapuser.address() + " invalid");
        assertThat(accounts.toServer("a002a LOGIN imapuser password extra"))
                .isEqualTo("a002a LOGIN " + imapuser.address() + " " + imapuser.password() + " extra");
        assertThat(accounts.toServer("a003 LOGIN invaliduser password")).isEqualTo("a003 LOGIN invaliduser password");
    }

    @Test
    void namesInMailboxesAclsAndQuotaRootsAreMappedBothWaysKeepingTheCase() {
        String toServer = accounts.toServer("a003 RENAME user.imapuser.test user.Boby.test");
        assertThat(toServer).isEqualTo("a003 RENAME user." + imapuser.address() + ".test user.Boby"
                + boby.address().substring(4) + ".test");
        assertThat(accounts.toScript("* ACL INBOX " + imapuser.address() + " lrswipkxtecda " + boby.address() + " rsw"))
                .isEqualTo("* ACL INBOX imapuser lrswipkxtecda boby rsw");
        assertThat(accounts.toScript("* QUOTA #private&" + imapuser.address() + " (STORAGE 1 5242880)"))
                .isEqualTo("* QUOTA #private&imapuser (STORAGE 1 5242880)");
        assertThat(accounts.toServer("a SELECT imapuser2")).isEqualTo("a SELECT imapuser2");
        assertThat(accounts.toScript("* LIST () \".\" imapuser2")).isEqualTo("* LIST () \".\" imapuser2");
    }

    @Test
    void saslPlainResponsesAreRewrittenInsideTheirBase64() {
        String response = accounts.plainResponseToServer(base64("\u0000imapuser\u0000password"));
        assertThat(decode(response)).isEqualTo("\u0000" + imapuser.address() + "\u0000" + imapuser.password());
        assertThat(decode(accounts.plainResponseToServer(base64("\u0000imapuser\u0000badpassword"))))
                .isEqualTo("\u0000" + imapuser.address() + "\u0000badpassword");
        assertThat(accounts.toServer("A002 AUTHENTICATE PLAIN " + base64("imapuser\u0000imapuser\u0000password")))
                .isEqualTo("A002 AUTHENTICATE PLAIN " + base64(imapuser.address() + "\u0000" + imapuser.address()
                        + "\u0000" + imapuser.password()));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
