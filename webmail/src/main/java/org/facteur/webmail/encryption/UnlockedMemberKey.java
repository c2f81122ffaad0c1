package org.facteur.webmail.encryption;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import org.facteur.pgp.UnlockedKey;

/**
 * The member's secret key, unlocked with her passphrase for this web session only. It lives in one HTTP session
 * attribute that is deliberately not {@link java.io.Serializable} (a servlet container never writes it to disk with
 * the session), is dropped when the session ends (logout invalidates it, expiry too: both unbind it), and says
 * nothing in {@link #toString()}. The passphrase itself is not kept.
 */
public final class UnlockedMemberKey implements HttpSessionBindingListener {
    static final String ATTRIBUTE = UnlockedMemberKey.class.getName();
    private volatile UnlockedKey key;

    private UnlockedMemberKey(UnlockedKey key) {
        this.key = key;
    }

    /** The key unlocked in this session, if the member gave her passphrase. */
    public static Optional<UnlockedKey> of(HttpSession session) {
        Object held = session == null ? null : session.getAttribute(ATTRIBUTE);
        return held instanceof UnlockedMemberKey k ? Optional.ofNullable(k.key) : Optional.empty();
    }

    static void keep(HttpSession session, UnlockedKey key) {
        session.setAttribute(ATTRIBUTE, new UnlockedMemberKey(key));
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        key = null;
    }

    @Override
    public String toString() {
        return "UnlockedMemberKey[not shown]";
    }
}
