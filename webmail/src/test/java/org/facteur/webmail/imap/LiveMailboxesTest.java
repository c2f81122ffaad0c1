package org.facteur.webmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The node-local half of shared sessions, with sessions written and read as a shared store does (serialization). */
class LiveMailboxesTest {
    static final String ALICE = "alice@example.org";
    final AtomicLong now = new AtomicLong();
    final LiveMailboxes nodeA = new LiveMailboxes(null, Duration.ofMinutes(30), now::get);
    final LiveMailboxes nodeB = new LiveMailboxes(null, Duration.ofMinutes(30), now::get);

    @Test
    void aCopyFromTheStoreOpensOnAnotherNodeWithTheBrowsersKeyOnly() throws Exception {
        MockHttpServletResponse loginResponse = new MockHttpServletResponse();
        MailboxSession mailbox = nodeA.loggedIn(ALICE, "pw-1".toCharArray(), null, new MockHttpServletRequest(), loginResponse);
        Cookie key = loginResponse.getCookie(LiveMailboxes.KEY_COOKIE);
        assertThat(key).isNotNull();
        assertThat(key.isHttpOnly()).isTrue();
        assertThat(loginResponse.getHeader("Set-Cookie")).contains("SameSite=Lax");

        byte[] stored = serialized(mailbox);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).contains(ALICE).doesNotContain("pw-1");

        MailboxSession withoutKey = read(stored);
        assertThat(nodeB.attach(withoutKey, new MockHttpServletRequest())).isFalse();
        MockHttpServletRequest wrongKey = new MockHttpServletRequest();
        wrongKey.setCookies(new Cookie(LiveMailboxes.KEY_COOKIE, PasswordSeal.newKey()));
        assertThat(nodeB.attach(read(stored), wrongKey)).isFalse();
        assertThat(nodeB.size()).isZero();

        MockHttpServletRequest browser = new MockHttpServletRequest();
        browser.setCookies(key);
        MailboxSession onB = read(stored);
        assertThat(nodeB.attach(onB, browser)).isTrue();
        assertThat(new String(onB.open().password())).isEqualTo("pw-1");
        MailboxSession again = read(stored);
        assertThat(nodeB.attach(again, browser)).as("the open part is found by login id").isTrue();
        assertThat(again.open()).isSameAs(onB.open());
        assertThat(nodeB.size()).isEqualTo(1);
    }

    @Test
    void theUnlockedKeyStaysOnTheNode() throws Exception {
        MailboxSession mailbox = nodeA.loggedIn(ALICE, "pw".toCharArray(), null, new MockHttpServletRequest(),
                new MockHttpServletResponse());
        char[] passphrase = "correct horse battery".toCharArray();
        org.facteur.pgp.UnlockedKey key = new org.facteur.pgp.OpenPgp()
                .generateKey(org.facteur.pgp.KeySpec.forMailbox(null, ALICE), passphrase).secretKey().unlock(passphrase);
        mailbox.keepUnlocked(key);
        assertThat(mailbox.unlockedKey()).containsSame(key);
        assertThat(read(serialized(mailbox)).unlockedKey()).as("never written with the session").isEmpty();
    }

    @Test
    void theSessionIdAloneDoesNotReachTheOpenPartEvenOnItsNode() throws Exception {
        MockHttpServletResponse loginResponse = new MockHttpServletResponse();
        MailboxSession mailbox = nodeA.loggedIn(ALICE, "pw".toCharArray(), null, new MockHttpServletRequest(), loginResponse);
        byte[] stored = serialized(mailbox);
        assertThat(nodeA.attach(read(stored), new MockHttpServletRequest())).as("no key cookie").isFalse();
        MockHttpServletRequest wrongKey = new MockHttpServletRequest();
        wrongKey.setCookies(new Cookie(LiveMailboxes.KEY_COOKIE, PasswordSeal.newKey()));
        assertThat(nodeA.attach(read(stored), wrongKey)).as("another key").isFalse();
        MockHttpServletRequest browser = new MockHttpServletRequest();
        browser.setCookies(loginResponse.getCookie(LiveMailboxes.KEY_COOKIE));
        MailboxSession copy = read(stored);
        assertThat(nodeA.attach(copy, browser)).isTrue();
        assertThat(copy.open()).isSameAs(mailbox.open());
    }

    @Test
    void aPartClosedByTheSweepWhileInUseIsOpenedAgain() throws Exception {
        MockHttpServletResponse loginResponse = new MockHttpServletResponse();
        MailboxSession mailbox = nodeA.loggedIn(ALICE, "pw-3".toCharArray(), null, new MockHttpServletRequest(), loginResponse);
        mailbox.open().close(ALICE);   // as the sweep does, the request holding it a moment longer
        MockHttpServletRequest browser = new MockHttpServletRequest();
        browser.setCookies(loginResponse.getCookie(LiveMailboxes.KEY_COOKIE));
        MailboxSession copy = read(serialized(mailbox));
        assertThat(nodeA.attach(copy, browser)).isTrue();
        assertThat(new String(copy.open().password())).isEqualTo("pw-3");
    }

    @Test
    void idlePartsAreClosedAndLogoutClosesAtOnce() throws Exception {
        MockHttpServletResponse r1 = new MockHttpServletResponse();
        MailboxSession idle = nodeA.loggedIn(ALICE, "pw".toCharArray(), null, new MockHttpServletRequest(), r1);
        now.addAndGet(Duration.ofMinutes(20).toNanos());
        MockHttpServletResponse bobsLogin = new MockHttpServletResponse();
        MailboxSession active = nodeA.loggedIn("bob@example.org", "pw2".toCharArray(), null, new MockHttpServletRequest(),
                bobsLogin);
        now.addAndGet(Duration.ofMinutes(15).toNanos());
        MockHttpServletRequest bob = new MockHttpServletRequest();
        bob.setCookies(bobsLogin.getCookie(LiveMailboxes.KEY_COOKIE));
        assertThat(nodeA.attach(read(serialized(active)), bob)).isTrue();
        assertThat(nodeA.size()).as("Alice's part, unused for 35 minutes, is closed").isEqualTo(1);
        assertThat(idle.open().password()).containsOnly('\0');

        MockHttpServletResponse out = new MockHttpServletResponse();
        nodeA.loggedOut(read(serialized(active)), new MockHttpServletRequest(), out);
        assertThat(nodeA.size()).isZero();
        assertThat(active.open().password()).containsOnly('\0');
        assertThat(out.getCookie(LiveMailboxes.KEY_COOKIE).getMaxAge()).isZero();
    }

    static byte[] serialized(MailboxSession mailbox) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(mailbox);
        }
        return bytes.toByteArray();
    }

    static MailboxSession read(byte[] stored) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            return (MailboxSession) in.readObject();
        }
    }
}
